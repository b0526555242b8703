package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.persistence.PiiRekeyJobEntity;
import io.zhengfeng.platform.pii.PersonalDataCipher;

/**
 * Re-encrypts every contact value stored under a key other than the active one (after a rotation,
 * README "Rotating the personal-data key"), in batches of complaints ordered by id. Each batch is one
 * transaction that locks the job row first ({@code FOR UPDATE}), reads the cursor, locks and reseals
 * the next complaints, saves the cursor and the counts, and writes an audit entry: two replicas
 * working on one job take turns batch by batch, and a crash loses at most the batch in flight,
 * which rolls back and is done again on resumption. {@link PersonalDataRekeyRunner} drives it.
 */
@ApplicationScoped
public class PersonalDataRekey {
    public static final String STARTED = "pii-rekey.started";
    public static final String RESUMED = "pii-rekey.resumed";
    public static final String BATCH = "pii-rekey.batch";
    public static final String COMPLETED = "pii-rekey.completed";
    public static final String FAILED = "pii-rekey.failed";

    private static final String COLUMNS = "contact_name, contact_phone, contact_id_number, contact_address, contact_email";

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final int batchSize;

    public PersonalDataRekey(EntityManager em, PersonalDataCipher cipher, AuditTrail audit, ComplaintConfig config) {
        this.em = em;
        this.cipher = cipher;
        this.audit = audit;
        this.batchSize = config.piiRekey().batchSize();
    }

    /** {@code cursorId}: the last complaint id done (complaints are taken in id order). */
    public record Progress(String id, String targetKey, String status, String cursorId, long rowsScanned, long rowsResealed,
            long valuesResealed, int batches, String startedBy, Instant startedAt, Instant updatedAt,
            Instant completedAt, String lastError) {

        static Progress of(PiiRekeyJobEntity j) {
            return new Progress(j.id, j.targetKey, j.status, j.cursorId, j.rowsScanned, j.rowsResealed, j.valuesResealed, j.batches,
                    j.startedBy, j.startedAt, j.updatedAt, j.completedAt, j.lastError);
        }
    }

    /**
     * The unfinished run, or a new one towards the active key, started by the caller (audited in the
     * request's transaction). A second replica inserting at the same moment hits the unique
     * {@code running_slot} and rolls back; its caller asks again and gets this one.
     */
    @Transactional
    public Progress open() {
        Optional<PiiRekeyJobEntity> running = PiiRekeyJobEntity.find("status", PiiRekeyJobEntity.RUNNING).firstResultOptional();
        if (running.isPresent()) {
            audit.record(RESUMED, running.get().id, AuditTrail.ALLOWED, "asked again: continuing the unfinished run from complaint "
                    + running.get().cursorId + " (" + running.get().rowsScanned + " done)");
            return Progress.of(running.get());
        }
        PiiRekeyJobEntity job = new PiiRekeyJobEntity();
        job.id = UUID.randomUUID().toString();
        job.targetKey = cipher.activeKeyId();
        job.status = PiiRekeyJobEntity.RUNNING;
        job.runningSlot = "R";
        job.startedBy = audit.currentActor();
        job.startedAt = Instant.now();
        job.updatedAt = job.startedAt;
        job.persist();
        em.flush();
        audit.record(STARTED, job.id, AuditTrail.ALLOWED, "re-encrypting every contact value not under key "
                + job.targetKey + " with it, " + batchSize + " complaints per batch");
        return Progress.of(job);
    }

    /** @return false once the job has nothing left (it is then completed) or is not running */
    @Transactional
    public boolean step(String jobId) {
        List<?> locked = em.createNativeQuery("SELECT target_key, status, cursor_id FROM pii_rekey_job WHERE id = ?1 FOR UPDATE")
                .setParameter(1, jobId).getResultList();
        if (locked.isEmpty() || !PiiRekeyJobEntity.RUNNING.equals(((Object[]) locked.get(0))[1])) {
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
        List<?> rows = em.createNativeQuery("SELECT id, " + COLUMNS + " FROM complaint WHERE id > ?1 ORDER BY id LIMIT ?2 FOR UPDATE")
                .setParameter(1, cursor).setParameter(2, batchSize).getResultList();
        PiiRekeyJobEntity entity = em.find(PiiRekeyJobEntity.class, jobId);
        entity.updatedAt = Instant.now();
        if (rows.isEmpty()) {
            entity.status = PiiRekeyJobEntity.COMPLETED;
            entity.runningSlot = null;
            entity.completedAt = entity.updatedAt;
            entity.lastError = null;
            audit.recordFor(entity.startedBy, COMPLETED, jobId, AuditTrail.ALLOWED, "every contact value is under key " + target
                    + ": " + entity.rowsResealed + " of " + entity.rowsScanned + " complaints re-encrypted ("
                    + entity.valuesResealed + " values) in " + entity.batches + " batches");
            return false;
        }
        long resealedRows = 0;
        long resealedValues = 0;
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Object[] sealed = new Object[r.length];
            int changed = 0;
            for (int i = 1; i < r.length; i++) {
                sealed[i] = cipher.reseal((String) r[i]);
                changed += sealed[i] == r[i] ? 0 : 1;
            }
            if (changed > 0) {
                // version + 1: an action that read the row before would otherwise write the old ciphertext back
                var update = em.createNativeQuery("UPDATE complaint SET contact_name = ?1, contact_phone = ?2, contact_id_number = ?3, "
                        + "contact_address = ?4, contact_email = ?5, version = version + 1 WHERE id = ?6");
                for (int i = 1; i < r.length; i++) {
                    update.setParameter(i, sealed[i]);
                }
                update.setParameter(6, r[0]).executeUpdate();
                resealedRows++;
                resealedValues += changed;
            }
        }
        String last = (String) ((Object[]) rows.get(rows.size() - 1))[0];
        entity.cursorId = last;
        entity.rowsScanned += rows.size();
        entity.rowsResealed += resealedRows;
        entity.valuesResealed += resealedValues;
        entity.batches++;
        entity.lastError = null;
        audit.recordFor(entity.startedBy, BATCH, jobId, AuditTrail.ALLOWED, "batch " + entity.batches + ": "
                + rows.size() + " complaints up to " + last + ", " + resealedRows + " re-encrypted; "
                + entity.rowsScanned + " done so far");
        return true;
    }

    /** In its own transaction: the batch that failed rolled back, the job stays running for a restart to resume. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String jobId, Exception failure) {
        PiiRekeyJobEntity job = em.find(PiiRekeyJobEntity.class, jobId);
        if (job == null) {
            return;
        }
        String message = String.valueOf(failure.getMessage());
        job.lastError = message.length() <= 500 ? message : message.substring(0, 500);
        job.updatedAt = Instant.now();
        audit.recordFor(job.startedBy, FAILED, jobId, AuditTrail.DENIED, "stopped after batch " + job.batches + " (cursor "
                + job.cursorId + "): " + job.lastError + "; resumes from there at the next start or POST");
    }

    @Transactional
    public Optional<Progress> progress(String jobId) {
        return PiiRekeyJobEntity.<PiiRekeyJobEntity>findByIdOptional(jobId).map(Progress::of);
    }

    /** The most recent run, finished or not. */
    @Transactional
    public Optional<Progress> latest() {
        return PiiRekeyJobEntity.<PiiRekeyJobEntity>find("order by startedAt desc").firstResultOptional().map(Progress::of);
    }

    @Transactional
    public List<String> unfinished() {
        return PiiRekeyJobEntity.<PiiRekeyJobEntity>find("status", PiiRekeyJobEntity.RUNNING).stream().map(j -> j.id).toList();
    }
}
