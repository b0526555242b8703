package io.zhengfeng.notification.persistence;

/** Life of a deadline timer. */
public enum TimerState {
    /** A rung is still to fire at {@code nextFireAt}. */
    PENDING,
    /** Every rung has fired; the deadline is still open (the item is overdue). */
    FIRED,
    /** The deadline was satisfied or withdrawn (reply, close, rejection): nothing more fires. */
    CANCELLED
}
