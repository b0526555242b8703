package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One open deadline of one subject, whatever service owns it: {@code (subjectType, subjectId,
 * deadlineKind)} is unique. {@code generation} grows whenever the deadline moves, so the firings
 * of an extended deadline are new notifications while a retried firing is the same one.
 */
@Entity
@Table(name = "timer")
public class DeadlineTimer {
    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 36)
    public UUID id;

    @Column(name = "subject_type", nullable = false, length = 40)
    public String subjectType;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "subject_id", nullable = false, length = 36)
    public UUID subjectId;

    @Column(name = "deadline_kind", nullable = false, length = 40)
    public String deadlineKind;

    /** Human-readable reference of the subject (a complaint's tracking number), for messages. */
    @Column(length = 64)
    public String reference;

    /** The department that must act, null while unassigned. */
    @Column(length = 100)
    public String department;

    @Column(name = "start_at", nullable = false)
    public Instant startAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(nullable = false)
    public int generation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TimerState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "next_rung", length = 16)
    public Rung nextRung;

    @Column(name = "next_fire_at")
    public Instant nextFireAt;

    @Column(name = "breached_at")
    public Instant breachedAt;

    /** When the newest event applied to this timer happened; older events are stale. */
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Key of one firing: the same for a retry, different after the deadline moved. */
    public String firingKey(Rung rung) {
        return "timer:" + id + ":" + generation + ":" + rung.name().toLowerCase();
    }
}
