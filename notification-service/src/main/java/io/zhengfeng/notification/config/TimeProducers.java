package io.zhengfeng.notification.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.zhengfeng.platform.calendar.WorkingCalendar;

/** The clock and the bureau's calendar, as beans so every time computation shares them. */
@ApplicationScoped
public class TimeProducers {

    @Produces
    @ApplicationScoped
    Clock clock(NotificationConfig config) {
        return config.clockOffset().map(offset -> Clock.offset(Clock.systemUTC(), offset)).orElseGet(Clock::systemUTC);
    }

    @Produces
    @ApplicationScoped
    WorkingCalendar calendar() {
        return WorkingCalendar.chinaMainland();
    }
}
