package io.zhengfeng.notification.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.zhengfeng.notification.persistence.Rung;
import io.zhengfeng.notification.service.FiringObserver;

/**
 * Records, while a benchmark phase is open, every firing's lateness and every polling round of the
 * timer worker. Two latenesses per firing: as the service measures it ({@code now} of the round,
 * taken before the claim query) and at the round's commit (that plus the round's duration, i.e. when
 * the alert and {@code deadline.breached} became visible).
 * An alternative selected only by {@link TimerBenchProfile}: the tests' boots don't see it.
 */
@Alternative
@Singleton
public class BenchFiringObserver implements FiringObserver {

    /** What one phase saw. */
    public static final class Recording {
        public final List<Long> latenessNanos = new ArrayList<>();
        public final List<Long> commitLatenessNanos = new ArrayList<>();
        public final List<Long> roundNanos = new ArrayList<>();
        public final List<Integer> roundFired = new ArrayList<>();
        public int overdue;
        public int otherRungs;
        /** Firings reported by a round that then failed (rolled back) and was not reported. */
        public int discardedFirings;
    }

    private Recording current;
    /** Latenesses of the round in progress, completed by its {@link #round} call. */
    private final List<Long> pending = new ArrayList<>();
    private final List<Rung> pendingRungs = new ArrayList<>();

    public synchronized void start() {
        current = new Recording();
        pending.clear();
        pendingRungs.clear();
    }

    public synchronized Recording stop() {
        Recording r = current;
        current = null;
        return r;
    }

    /** OVERDUE firings committed so far in the open phase. */
    public synchronized int overdueCommitted() {
        return current == null ? 0 : current.overdue;
    }

    @Override
    public synchronized void fired(Rung rung, Duration lateness) {
        if (current == null) {
            return;
        }
        pending.add(lateness.toNanos());
        pendingRungs.add(rung);
    }

    @Override
    public synchronized void round(int fired, Duration duration) {
        if (current == null) {
            pending.clear();
            pendingRungs.clear();
            return;
        }
        // The worker thread is the only caller of fired()/round(); entries beyond this round's
        // count come from an earlier round that rolled back before reporting.
        int stale = pending.size() - fired;
        if (stale > 0) {
            current.discardedFirings += stale;
        }
        long d = duration.toNanos();
        for (int i = Math.max(0, stale); i < pending.size(); i++) {
            long late = pending.get(i);
            current.latenessNanos.add(late);
            current.commitLatenessNanos.add(late + d);
            if (pendingRungs.get(i) == Rung.OVERDUE) {
                current.overdue++;
            } else {
                current.otherRungs++;
            }
        }
        pending.clear();
        pendingRungs.clear();
        current.roundNanos.add(d);
        current.roundFired.add(fired);
    }
}
