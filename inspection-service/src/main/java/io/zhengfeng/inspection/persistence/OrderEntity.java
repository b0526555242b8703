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

/** A rectification order (整改): measure, owner, due date, and where it stands. */
@Entity
@Table(name = "rectification_order")
public class OrderEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "finding_id")
    public String findingId;
    public String reference;
    public String measure;
    public String owner;
    public String department;
    /** open | reported | closed */
    public String status;
    @Column(name = "start_at")
    public Instant startAt;
    @Column(name = "due_at")
    public Instant dueAt;
    public boolean overdue;
    @Column(name = "overdue_at")
    public Instant overdueAt;
    public int rounds;
    @Column(name = "reported_at")
    public Instant reportedAt;
    @Column(name = "report_text")
    public String reportText;
    @Column(name = "verified_at")
    public Instant verifiedAt;
    @Column(name = "verified_by")
    public String verifiedBy;
    public Boolean effective;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
