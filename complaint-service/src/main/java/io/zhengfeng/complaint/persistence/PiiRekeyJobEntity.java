package io.zhengfeng.complaint.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One run of the personal-data re-encryption job; its cursor and counts move with each batch. */
@Entity
@Table(name = "pii_rekey_job")
public class PiiRekeyJobEntity extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";

    @Id
    public String id;
    @Column(name = "target_key")
    public String targetKey;
    public String status;
    @Column(name = "running_slot")
    public String runningSlot;
    @Column(name = "cursor_id")
    public String cursorId;
    @Column(name = "rows_scanned")
    public long rowsScanned;
    @Column(name = "rows_resealed")
    public long rowsResealed;
    @Column(name = "values_resealed")
    public long valuesResealed;
    public int batches;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "last_error")
    public String lastError;
}
