package io.zhengfeng.inspection.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.zhengfeng.platform.calendar.WorkingCalendar;

/** The bureau's calendar: a due date ends at close of business (18:00 Asia/Shanghai) of that day. */
public class CalendarProducer {
    @Produces
    @ApplicationScoped
    WorkingCalendar calendar() {
        return WorkingCalendar.chinaMainland();
    }
}
