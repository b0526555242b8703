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

/** A supervisor's visit, talk or opinion. */
@Entity
@Table(name = "supervisor_activity")
public class ActivityEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "supervisor_id")
    public String supervisorId;
    public String kind;
    @Column(name = "occurred_on")
    public LocalDate occurredOn;
    public String department;
    public String place;
    public String content;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
