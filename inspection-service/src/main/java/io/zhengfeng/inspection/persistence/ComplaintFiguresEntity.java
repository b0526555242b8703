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

/** Read model of one citizen message, from complaint-service's events (no personal data in them). */
@Entity
@Table(name = "complaint_figures")
public class ComplaintFiguresEntity extends PanacheEntityBase {
    @Id
    @Column(name = "complaint_id")
    public String complaintId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "reply_due_at")
    public Instant replyDueAt;
    @Column(name = "replied_at")
    public Instant repliedAt;
    @Column(name = "replied_on_time")
    public Boolean repliedOnTime;
    public boolean rated;
    public Boolean satisfied;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
}
