package io.zhengfeng.complaint.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs {@link PersonalDataRekey} batches one after another on a background thread of this
 * instance: when an admin starts (or re-starts) the job, and at start-up for a run a crash or
 * shutdown left unfinished — from its saved cursor, not from the beginning.
 */
@ApplicationScoped
public class PersonalDataRekeyRunner {
    private static final Logger LOG = Logger.getLogger(PersonalDataRekeyRunner.class);

    private final PersonalDataRekey rekey;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pii-rekey");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public PersonalDataRekeyRunner(PersonalDataRekey rekey) {
        this.rekey = rekey;
    }

    /** Opens (or finds) the run and works it off in the background. */
    public PersonalDataRekey.Progress start() {
        PersonalDataRekey.Progress job;
        try {
            job = rekey.open();
        } catch (RuntimeException raced) {
            // another replica opened one at the same instant (unique running_slot): that one is ours too
            job = rekey.latest().filter(p -> p.completedAt() == null).orElseThrow(() -> raced);
        }
        submit(job.id());
        return job;
    }

    void resumeAtStart(@Observes StartupEvent ignored) {
        for (String id : rekey.unfinished()) {
            LOG.infof("Resuming the personal-data re-encryption job %s from its saved cursor", id);
            submit(id);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        executor.shutdown();
    }

    private void submit(String jobId) {
        executor.submit(() -> runToEnd(jobId));
    }

    /** Batches until none is left; a second submission of the same job finds it done and returns at once. */
    void runToEnd(String jobId) {
        try {
            while (!stopping && rekey.step(jobId)) {
                // each step committed its batch, cursor and audit entry
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Personal-data re-encryption job %s stopped", jobId);
            rekey.recordFailure(jobId, e);
        }
    }
}
