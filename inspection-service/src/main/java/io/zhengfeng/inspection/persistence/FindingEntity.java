package io.zhengfeng.inspection.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.*;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A problem found by an inspection or a supervisor; closed when all its orders are verified. */
@Entity
@Table(name = "finding")
public class FindingEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "inspection_id")
    public String inspectionId;
    @Column(name = "activity_id")
    public String activityId;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "item_id")
    public ItemEntity item;
    public String severity;
    public String description;
    @Column(name = "responsible_department")
    public String responsibleDepartment;
    @Column(name = "responsible_person")
    public String responsiblePerson;
    /** open | closed */
    public String status;
    @Column(name = "self_found")
    public boolean selfFound;
    @Column(name = "public_summary")
    public String publicSummary;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Version
    public long version;
}
