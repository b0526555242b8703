package io.zhengfeng.platform.pii;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One run of a service's personal-data re-encryption job ({@link RekeyJob}); its cursor and counts
 * move with each batch. The table ({@code pii_rekey_job}) is created by the migrations of the
 * services that hold personal data; elsewhere the mapping is never used.
 */
@Entity(name = "RekeyJob")
@Table(name = "pii_rekey_job")
public class RekeyJobEntity {
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
