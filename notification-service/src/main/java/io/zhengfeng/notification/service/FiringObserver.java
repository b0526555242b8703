package io.zhengfeng.notification.service;

import java.time.Duration;

import io.zhengfeng.notification.persistence.Rung;

/**
 * Sees every firing and polling round as it happens. Production has none (the same figures go to
 * Micrometer); the timer benchmark supplies one to compute exact lateness percentiles.
 */
public interface FiringObserver {
    /** A rung fired {@code lateness} after it was due (called inside the firing transaction). */
    default void fired(Rung rung, Duration lateness) {
    }

    /** A polling round fired {@code fired} timers in {@code duration}, commit included. */
    default void round(int fired, Duration duration) {
    }
}
