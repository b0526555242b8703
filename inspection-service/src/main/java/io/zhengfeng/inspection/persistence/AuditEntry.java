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

/** Append-only audit trail. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    @Column(name = "actor_roles")
    public String actorRoles;
    public String action;
    @Column(name = "subject_id")
    public String subjectId;
    public String outcome;
    public String detail;
    @Column(name = "request_id")
    public String requestId;
}
