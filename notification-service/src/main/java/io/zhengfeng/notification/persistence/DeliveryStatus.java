package io.zhengfeng.notification.persistence;

/** State of one notification on its channel. */
public enum DeliveryStatus {
    /** Waiting for its (next) attempt at {@code nextAttemptAt}. */
    PENDING,
    DELIVERED,
    /** Given up after the last attempt; visible to admin, who may retry it. */
    DEAD
}
