package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The day's digest was sent: its primary key lets only one replica do it. */
@Entity
@Table(name = "digest_run")
public class DigestRun {
    @Id
    @Column(name = "digest_date")
    public LocalDate digestDate;

    @Column(name = "ran_at", nullable = false)
    public Instant ranAt;

    @Column(name = "ran_by", nullable = false, length = 100)
    public String ranBy;
}
