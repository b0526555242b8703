package io.zhengfeng.platform.pii;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the service's {@link RekeyJob} batches one after another on a background thread of this
 * instance: when an admin starts (or re-starts) the job, and at start-up for a run a crash or
 * shutdown left unfinished — from its saved cursor, not from the beginning. A service without a
 * {@code RekeyJob} bean (no personal data, or its own job) never starts the thread.
 */
@ApplicationScoped
public class RekeyRunner {
    private static final Logger LOG = Logger.getLogger(RekeyRunner.class);

    private final Instance<RekeyJob> jobs;
    private ExecutorService executor;
    private volatile boolean stopping;

    public RekeyRunner(Instance<RekeyJob> jobs) {
        this.jobs = jobs;
    }

    /** Opens (or finds) the run and works it off in the background. */
    public RekeyJob.Progress start() {
        RekeyJob job = jobs.get();
        RekeyJob.Progress run;
        try {
            run = job.open();
        } catch (RuntimeException raced) {
            // another replica opened one at the same instant (unique running_slot): that one is ours too
            run = job.latest().filter(p -> p.completedAt() == null).orElseThrow(() -> raced);
        }
        submit(job, run.id());
        return run;
    }

    void resumeAtStart(@Observes StartupEvent ignored) {
        try {
            resumeUnfinished();
        } catch (RuntimeException e) {
            // the service still starts; the run stays unfinished for the next start or an admin's POST
            LOG.errorf(e, "Could not resume the personal-data re-encryption job");
        }
    }

    /** What an instance does at start: every run a crash or shutdown left unfinished goes on from its cursor. */
    public void resumeUnfinished() {
        if (!jobs.isResolvable()) {
            return;
        }
        RekeyJob job = jobs.get();
        for (String id : job.unfinished()) {
            LOG.infof("Resuming the personal-data re-encryption job %s from its saved cursor", id);
            job.resumed(id);
            submit(job, id);
        }
    }

    synchronized void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        if (executor != null) {
            executor.shutdown();
        }
    }

    private synchronized void submit(RekeyJob job, String jobId) {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pii-rekey");
                t.setDaemon(true);
                return t;
            });
        }
        executor.submit(() -> runToEnd(job, jobId));
    }

    /** Batches until none is left; a second submission of the same job finds it done and returns at once. */
    private void runToEnd(RekeyJob job, String jobId) {
        try {
            while (!stopping && job.step(jobId)) {
                // each step committed its batch, cursor and audit entry
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Personal-data re-encryption job %s stopped", jobId);
            job.recordFailure(jobId, e);
        }
    }
}
