package io.zhengfeng.inspection.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.inspection.persistence.OrderEntity;
import io.zhengfeng.inspection.persistence.WorkUpdateEntity;
import io.zhengfeng.inspection.pii.Redaction;
import io.zhengfeng.platform.security.Roles;

/**
 * The public column (民主评议政风行风专栏), read without a token: work updates, self-found problems
 * with their measures and status, published undercover results. Everything is redacted (phone
 * numbers, id numbers, e-mail addresses); responsible persons, owners and notes never appear.
 */
@ApplicationScoped
public class PublicColumn {
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    public record NewUpdate(String campaignId, String title, String body) {
    }

    private final Access access;
    private final AuditTrail audit;

    public PublicColumn(Access access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public Views.WorkUpdate publish(NewUpdate in) {
        access.requireAny("Publishing a work update", Roles.INSPECTOR, Roles.LEADER, Roles.ADMIN);
        Codes.present("body", in);
        WorkUpdateEntity u = new WorkUpdateEntity();
        u.id = UUID.randomUUID().toString();
        u.campaignId = in.campaignId() == null ? null : Campaigns.find(Codes.uuid("campaignId", in.campaignId())).id;
        u.title = Codes.required("title", in.title(), 200);
        u.body = Codes.required("body", in.body(), 50_000);
        u.publishedBy = access.user().username();
        u.publishedAt = Instant.now();
        u.persist();
        audit.record("update.publish", u.id, AuditTrail.ALLOWED, null);
        return view(u);
    }

    public Paged<Views.WorkUpdate> updates(int page, int size) {
        var q = WorkUpdateEntity.<WorkUpdateEntity>find("order by publishedAt desc, id");
        return new Paged<>(q.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list().stream()
                .map(PublicColumn::view).toList(), page, size, q.count());
    }

    /** Self-found problems (自查问题) and their rectification measures and status. */
    public Paged<Views.PublicProblem> problems(int page, int size) {
        var q = FindingEntity.<FindingEntity>find("selfFound = true order by recordedAt desc, id");
        List<Views.PublicProblem> items = q.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list().stream()
                .map(f -> new Views.PublicProblem(f.id, f.item == null ? null : f.item.position,
                        f.item == null ? null : f.item.label + f.item.checkText, f.responsibleDepartment,
                        Redaction.redact(f.publicSummary != null ? f.publicSummary : f.description), f.status,
                        OrderEntity.<OrderEntity>list("findingId = ?1 order by createdAt", f.id).stream()
                                .map(o -> new Views.PublicMeasure(o.reference, Redaction.redact(o.measure), o.status,
                                        o.dueAt.atZone(BUREAU).toLocalDate()))
                                .toList()))
                .toList();
        return new Paged<>(items, page, size, q.count());
    }

    /** Published inspections; an undercover one appears only once published. */
    public Paged<Views.PublicInspection> inspections(String type, int page, int size) {
        String where = "publishedAt is not null" + (type == null ? "" : " and type = ?1");
        var q = type == null ? InspectionEntity.<InspectionEntity>find(where + " order by publishedAt desc, id")
                : InspectionEntity.<InspectionEntity>find(where + " order by publishedAt desc, id", Codes.oneOf("type", type, Codes.TYPES));
        List<Views.PublicInspection> items = q.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list().stream()
                .map(i -> new Views.PublicInspection(i.id, i.type, i.targetDepartment, i.targetKind,
                        i.plannedOn != null ? i.plannedOn : i.completedAt.atZone(BUREAU).toLocalDate(),
                        Redaction.redact(i.publishedSummary), FindingEntity.count("inspectionId", i.id), i.publishedAt))
                .toList();
        return new Paged<>(items, page, size, q.count());
    }

    private static Views.WorkUpdate view(WorkUpdateEntity u) {
        return new Views.WorkUpdate(u.id, u.campaignId, Redaction.redact(u.title), Redaction.redact(u.body), null, u.publishedAt);
    }

}
