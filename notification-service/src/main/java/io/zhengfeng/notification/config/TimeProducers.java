package io.zhengfeng.notification.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The clock, as a bean so every time computation shares it (the calendar is the platform's {@code Calendars}). */
@ApplicationScoped
public class TimeProducers {

    @Produces
    @ApplicationScoped
    Clock clock(NotificationConfig config) {
        return config.clockOffset().map(offset -> Clock.offset(Clock.systemUTC(), offset)).orElseGet(Clock::systemUTC);
    }
}
