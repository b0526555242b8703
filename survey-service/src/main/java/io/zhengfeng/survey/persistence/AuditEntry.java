package io.zhengfeng.survey.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Append-only: nothing in the code updates or deletes these rows. */
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
