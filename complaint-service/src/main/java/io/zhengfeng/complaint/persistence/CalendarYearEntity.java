package io.zhengfeng.complaint.persistence;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A year of the calendar as its owner keeps it; holidays and make-up days as JSON text. */
@Entity
@Table(name = "calendar_year")
public class CalendarYearEntity extends PanacheEntityBase {
    @Id
    public Integer year;
    public boolean announced;
    public String notice;
    public LocalDate published;
    /** JSON array of {name, days[]}. */
    public String holidays;
    /** JSON array of ISO dates. */
    @Column(name = "make_up_days")
    public String makeUpDays;
    public long version;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
}
