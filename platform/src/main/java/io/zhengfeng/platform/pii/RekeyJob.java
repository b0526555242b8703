package io.zhengfeng.platform.pii;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Re-encrypts every personal-data value of one table stored under a key other than the active one
 * (after a rotation, README "Rotating the personal-data key"), in batches of rows ordered by id. Each
 * batch is one transaction that locks the job row first ({@code FOR UPDATE}), reads the cursor,
 * locks and reseals the next rows, saves the cursor and the counts, and writes an audit entry: two
 * replicas working on one job take turns batch by batch, and a crash loses at most the batch in
 * flight, which rolls back and is done again on resumption. A service supplies only which columns of
 * which table ({@link Table}) and its audit trail, as a {@code RekeyJob} bean; {@link RekeyRunner}
 * drives it.
 */
public class RekeyJob {
    public static final String STARTED = "pii-rekey.started";
    public static final String RESUMED = "pii-rekey.resumed";
    public static final String BATCH = "pii-rekey.batch";
    public static final String COMPLETED = "pii-rekey.completed";
    public static final String FAILED = "pii-rekey.failed";

    /**
     * The ciphertext columns of a table keyed by a string {@code id}. {@code versioned}: the table has an
     * optimistic-lock {@code version} column, bumped with each re-encrypted row so that an action that
     * read the row before cannot write the old ciphertext back.
     */
    public record Table(String name, String rowNoun, boolean versioned, List<String> columns) {
    }

    /** {@code cursorId}: the last row id done (rows are taken in id order). */
    public record Progress(String id, String targetKey, String status, String cursorId, long rowsScanned, long rowsResealed,
            long valuesResealed, int batches, String startedBy, Instant startedAt, Instant updatedAt,
            Instant completedAt, String lastError) {

        static Progress of(RekeyJobEntity j) {
            return new Progress(j.id, j.targetKey, j.status, j.cursorId, j.rowsScanned, j.rowsResealed, j.valuesResealed, j.batches,
                    j.startedBy, j.startedAt, j.updatedAt, j.completedAt, j.lastError);
        }
    }

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final RekeyAudit audit;
    private final Table table;
    private final int batchSize;
    private final String select;
    private final String update;

    public RekeyJob(EntityManager em, PersonalDataCipher cipher, RekeyAudit audit, Table table, int batchSize) {
        this.em = em;
        this.cipher = cipher;
        this.audit = audit;
        this.table = table;
        this.batchSize = batchSize;
        this.select = "SELECT id, " + String.join(", ", table.columns()) + " FROM " + table.name()
                + " WHERE id > ?1 ORDER BY id LIMIT ?2 FOR UPDATE";
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
            set.append(i == 0 ? "" : ", ").append(table.columns().get(i)).append(" = ?").append(i + 1);
        }
        this.update = "UPDATE " + table.name() + " SET " + set + (table.versioned() ? ", version = version + 1" : "")
                + " WHERE id = ?" + (table.columns().size() + 1);
    }

    /**
     * The unfinished run, or a new one towards the active key, started by the caller (audited with it).
     * A second replica inserting at the same moment hits the unique {@code running_slot} and rolls
     * back; its caller asks again and gets this one.
     */
    public Progress open() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<RekeyJobEntity> running = em.createQuery("from RekeyJob where status = :s", RekeyJobEntity.class)
                    .setParameter("s", RekeyJobEntity.RUNNING).getResultStream().findFirst();
            if (running.isPresent()) {
                RekeyJobEntity job = running.get();
                audit.record(RESUMED, job.id, RekeyAudit.ALLOWED, "asked again: continuing the unfinished run from "
                        + table.rowNoun() + " " + job.cursorId + " (" + job.rowsScanned + " done)");
                return Progress.of(job);
            }
            RekeyJobEntity job = new RekeyJobEntity();
            job.id = UUID.randomUUID().toString();
            job.targetKey = cipher.activeKeyId();
            job.status = RekeyJobEntity.RUNNING;
            job.runningSlot = "R";
            job.startedBy = audit.currentActor();
            job.startedAt = Instant.now();
            job.updatedAt = job.startedAt;
            em.persist(job);
            em.flush();
            audit.record(STARTED, job.id, RekeyAudit.ALLOWED, "re-encrypting every " + table.name() + " value not under key "
                    + job.targetKey + " with it, " + batchSize + " " + table.rowNoun() + " per batch");
            return Progress.of(job);
        });
    }

    /** A restart picks the run up again: said in the trail, on behalf of whoever started it. */
    public void resumed(String jobId) {
        QuarkusTransaction.requiringNew().run(() -> {
            RekeyJobEntity job = em.find(RekeyJobEntity.class, jobId);
            if (job == null) {
                return;
            }
            audit.recordFor(job.startedBy, RESUMED, jobId, RekeyAudit.ALLOWED, "instance started: continuing the unfinished run from "
                    + table.rowNoun() + " " + job.cursorId + " (" + job.rowsScanned + " done)");
        });
    }

    /** One batch in one transaction. @return false once the job has nothing left (it is then completed) or is not running */
    public boolean step(String jobId) {
        return QuarkusTransaction.requiringNew().call(() -> stepInTransaction(jobId));
    }

    private boolean stepInTransaction(String jobId) {
        List<?> locked = em.createNativeQuery("SELECT target_key, status, cursor_id FROM pii_rekey_job WHERE id = ?1 FOR UPDATE")
                .setParameter(1, jobId).getResultList();
        if (locked.isEmpty() || !RekeyJobEntity.RUNNING.equals(((Object[]) locked.get(0))[1])) {
            return false;
        }
        Object[] job = (Object[]) locked.get(0);
        String target = (String) job[0];
        if (!target.equals(cipher.activeKeyId())) {
            // a replica configured with another active key would seal with it: refuse rather than mix
            throw new IllegalStateException("job " + jobId + " re-encrypts under key " + target
                    + " but this instance's ZF_PII_ACTIVE_KEY is " + cipher.activeKeyId());
        }
        String cursor = job[2] == null ? "" : (String) job[2];
        List<?> rows = em.createNativeQuery(select).setParameter(1, cursor).setParameter(2, batchSize).getResultList();
        RekeyJobEntity entity = em.find(RekeyJobEntity.class, jobId);
        entity.updatedAt = Instant.now();
        entity.lastError = null;
        if (rows.isEmpty()) {
            entity.status = RekeyJobEntity.COMPLETED;
            entity.runningSlot = null;
            entity.completedAt = entity.updatedAt;
            audit.recordFor(entity.startedBy, COMPLETED, jobId, RekeyAudit.ALLOWED, "every " + table.name() + " value is under key "
                    + target + ": " + entity.rowsResealed + " of " + entity.rowsScanned + " " + table.rowNoun() + " re-encrypted ("
                    + entity.valuesResealed + " values) in " + entity.batches + " batches");
            return false;
        }
        long resealedRows = 0;
        long resealedValues = 0;
        for (Object row : rows) {
            int changed = resealRow((Object[]) row);
            resealedRows += changed > 0 ? 1 : 0;
            resealedValues += changed;
        }
        String last = (String) ((Object[]) rows.get(rows.size() - 1))[0];
        entity.cursorId = last;
        entity.rowsScanned += rows.size();
        entity.rowsResealed += resealedRows;
        entity.valuesResealed += resealedValues;
        entity.batches++;
        audit.recordFor(entity.startedBy, BATCH, jobId, RekeyAudit.ALLOWED, "batch " + entity.batches + ": "
                + rows.size() + " " + table.rowNoun() + " up to " + last + ", " + resealedRows + " re-encrypted; "
                + entity.rowsScanned + " done so far");
        return true;
    }

    /** @return how many of the row's values were re-encrypted (the row is written only if any) */
    private int resealRow(Object[] row) {
        Object[] sealed = new Object[row.length];
        int changed = 0;
        for (int i = 1; i < row.length; i++) {
            sealed[i] = cipher.reseal((String) row[i]);
            changed += sealed[i] == row[i] ? 0 : 1;
        }
        if (changed > 0) {
            Query write = em.createNativeQuery(update);
            for (int i = 1; i < row.length; i++) {
                write.setParameter(i, sealed[i]);
            }
            write.setParameter(row.length, row[0]).executeUpdate();
        }
        return changed;
    }

    /** In its own transaction: the batch that failed rolled back, the job stays running for a restart to resume. */
    public void recordFailure(String jobId, Exception failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            RekeyJobEntity job = em.find(RekeyJobEntity.class, jobId);
            if (job == null) {
                return;
            }
            String message = String.valueOf(failure.getMessage());
            job.lastError = message.length() <= 500 ? message : message.substring(0, 500);
            job.updatedAt = Instant.now();
            audit.recordFor(job.startedBy, FAILED, jobId, RekeyAudit.DENIED, "stopped after batch " + job.batches + " (cursor "
                    + job.cursorId + "): " + job.lastError + "; resumes from there at the next start or POST");
        });
    }

    public Optional<Progress> progress(String jobId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(em.find(RekeyJobEntity.class, jobId)).map(Progress::of));
    }

    /** The most recent run, finished or not. */
    public Optional<Progress> latest() {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("from RekeyJob order by startedAt desc", RekeyJobEntity.class)
                .setMaxResults(1).getResultStream().findFirst().map(Progress::of));
    }

    public List<String> unfinished() {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select id from RekeyJob where status = :s", String.class)
                .setParameter("s", RekeyJobEntity.RUNNING).getResultList());
    }
}
