package io.zhengfeng.notification.bench;

import java.util.Collection;
import java.util.Locale;

/** Exact percentiles (nearest rank) and means of nanosecond samples, printed in milliseconds. */
final class Stats {
    private final long[] sorted;

    Stats(Collection<Long> nanos) {
        sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    double percentileMs(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
    }

    double maxMs() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    double meanMs() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length / 1e6;
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double a, double b) {
        return b > 0 && !Double.isNaN(a) ? String.format(Locale.ROOT, "%.2f", a / b) : "NaN";
    }
}
