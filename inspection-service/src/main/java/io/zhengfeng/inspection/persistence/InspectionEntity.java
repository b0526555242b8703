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

/** An inspection (检查) of a department, window, key post or key person. */
@Entity
@Table(name = "inspection")
public class InspectionEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "campaign_id")
    public String campaignId;
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "template_id")
    public TemplateEntity template;
    public String type;
    public String scope;
    @Column(name = "target_kind")
    public String targetKind;
    @Column(name = "target_department")
    public String targetDepartment;
    @Column(name = "target_name")
    public String targetName;
    @Column(name = "inspecting_department")
    public String inspectingDepartment;
    public String status;
    @Column(name = "planned_on")
    public LocalDate plannedOn;
    public String place;
    public String notes;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "published_summary")
    public String publishedSummary;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Version
    public long version;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "inspection_inspector", joinColumns = @JoinColumn(name = "inspection_id"))
    @Column(name = "username")
    public Set<String> inspectors = new LinkedHashSet<>();

    public boolean undercover() {
        return "undercover".equals(type);
    }
}
