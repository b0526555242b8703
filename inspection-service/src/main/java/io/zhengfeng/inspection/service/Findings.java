package io.zhengfeng.inspection.service;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.zhengfeng.inspection.events.InspectionEvents;
import io.zhengfeng.inspection.persistence.ActivityEntity;
import io.zhengfeng.inspection.persistence.EvidenceEntity;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/** Findings of inspections and of supervisors; their evidence; closing when all orders are verified. */
@ApplicationScoped
public class Findings {
    public record NewFinding(String itemId, String severity, String description, String responsibleDepartment,
            String responsiblePerson, String publicSummary) {
    }

    private final Access access;
    private final AuditTrail audit;
    private final InspectionEvents events;
    private final Evidence evidence;

    public Findings(Access access, AuditTrail audit, InspectionEvents events, Evidence evidence) {
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.evidence = evidence;
    }

    @Transactional
    public Views.Finding record(String inspectionId, NewFinding in) {
        InspectionEntity i = Inspections.find(inspectionId);
        boolean selfByHead = "self".equals(i.type) && access.user().hasRole(Roles.DEPT_HEAD)
                && access.user().department().orElse("").equals(i.targetDepartment);
        if (!access.canSee(i)) {
            throw ProblemException.notFound("Inspection " + inspectionId);
        }
        if (!selfByHead) {
            access.requireAny("Recording a finding", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);
        }
        if ("planned".equals(i.status)) {
            throw ProblemException.conflict("illegal-transition", "Start the inspection before recording findings");
        }
        Codes.present("body", in);
        FindingEntity f = base(in, i.targetDepartment);
        f.inspectionId = i.id;
        f.selfFound = "self".equals(i.type);
        if (in.itemId() != null) {
            f.item = Inspections.item(i, in.itemId(), "itemId");
        }
        f.persist();
        events.finding(f, i.campaignId, "recorded");
        audit.record("finding.record", f.id, AuditTrail.ALLOWED, "inspection " + i.id);
        return view(f);
    }

    /** A supervisor's finding from a visit, talk or opinion: the same path as an inspector's. */
    @Transactional
    public Views.Finding recordFromActivity(ActivityEntity a, NewFinding in) {
        Codes.present("body", in);
        FindingEntity f = base(in, a.department);
        f.activityId = a.id;
        if (in.itemId() != null) {
            f.item = Templates.latest(Templates.SIX_CHECKS).items.stream().filter(it -> it.id.equals(in.itemId()))
                    .findFirst().orElseThrow(() -> ProblemException.badField("itemId", "is not an item of the six checks"));
        }
        f.persist();
        events.finding(f, null, "recorded");
        audit.record("finding.record", f.id, AuditTrail.ALLOWED, "supervisor activity " + a.id);
        return view(f);
    }

    private FindingEntity base(NewFinding in, String defaultDepartment) {
        FindingEntity f = new FindingEntity();
        f.id = UUID.randomUUID().toString();
        f.severity = Codes.oneOf("severity", in.severity(), Codes.SEVERITIES);
        f.description = Codes.required("description", in.description(), 20_000);
        f.responsibleDepartment = in.responsibleDepartment() == null ? defaultDepartment
                : Codes.required("responsibleDepartment", in.responsibleDepartment(), 64);
        if (f.responsibleDepartment == null) {
            throw ProblemException.badField("responsibleDepartment", "is required");
        }
        f.responsiblePerson = Codes.optional("responsiblePerson", in.responsiblePerson(), 100);
        f.publicSummary = Codes.optional("publicSummary", in.publicSummary(), 2000);
        f.status = "open";
        f.recordedBy = access.user().username();
        f.recordedAt = Instant.now();
        return f;
    }

    public Views.Finding get(String id) {
        return view(visible(id));
    }

    public FindingEntity visible(String id) {
        FindingEntity f = find(id);
        InspectionEntity i = f.inspectionId == null ? null : InspectionEntity.findById(f.inspectionId);
        if (!access.canSee(f, i)) {
            throw ProblemException.notFound("Finding " + id);
        }
        return f;
    }

    public static FindingEntity find(String id) {
        FindingEntity f;
        try {
            f = id == null ? null : FindingEntity.findById(UUID.fromString(id).toString());
        } catch (IllegalArgumentException e) {
            f = null;
        }
        if (f == null) {
            throw ProblemException.notFound("Finding " + id);
        }
        return f;
    }

    public Paged<Views.Finding> list(String inspectionId, String status, int page, int size) {
        if (inspectionId != null && !access.canSee(Inspections.find(inspectionId))) {
            throw ProblemException.notFound("Inspection " + inspectionId);
        }
        StringBuilder where = new StringBuilder("from FindingEntity f where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        Optional<String> dept = access.scope();
        if (dept.isPresent()) {
            where.append(" and f.responsibleDepartment = :dept and not exists (select 1 from InspectionEntity i where i.id = f.inspectionId and ")
                    .append(Access.HIDDEN_FROM_DEPT).append(")");
            params.put("dept", dept.get());
        }
        if (inspectionId != null) {
            where.append(" and f.inspectionId = :inspection");
            params.put("inspection", inspectionId);
        }
        if (status != null) {
            where.append(" and f.status = :status");
            params.put("status", Codes.oneOf("status", status, List.of("open", "closed")));
        }
        var q = FindingEntity.<FindingEntity>find(where + " order by f.recordedAt, f.id", params);
        List<Views.Finding> items = q.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list().stream().map(Findings::view).toList();
        return new Paged<>(items, page, size, q.count());
    }

    @Transactional
    public Views.EvidenceInfo attach(String findingId, InputStream body, String contentType, Long length, String filename) {
        FindingEntity f = visible(findingId);
        access.requireAny("Attaching evidence to a finding", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);
        EvidenceEntity e = evidence.read(body, contentType, length, filename, access.user().username());
        e.findingId = f.id;
        e.persist();
        audit.record("finding.evidence", f.id, AuditTrail.ALLOWED, e.sha256);
        return Evidence.info(e);
    }

    /** Called when an order closes: the finding closes once every one of its orders is closed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeIfDone(String findingId) {
        FindingEntity f = FindingEntity.findById(findingId);
        long open = io.zhengfeng.inspection.persistence.OrderEntity.count("findingId = ?1 and status <> 'closed'", findingId);
        if (open == 0 && "open".equals(f.status)) {
            f.status = "closed";
            f.closedAt = Instant.now();
            String campaignId = f.inspectionId == null ? null
                    : InspectionEntity.<InspectionEntity>findById(f.inspectionId).campaignId;
            events.finding(f, campaignId, "closed");
            audit.record("finding.close", f.id, AuditTrail.ALLOWED, "all orders verified");
        }
    }

    public static Views.Finding view(FindingEntity f) {
        return new Views.Finding(f.id, f.inspectionId, f.activityId, f.item == null ? null : f.item.id,
                f.item == null ? null : f.item.position, f.severity, f.description, f.responsibleDepartment,
                f.responsiblePerson, f.status, f.selfFound, f.publicSummary, f.recordedBy, f.recordedAt, f.closedAt,
                Evidence.ofFinding(f.id));
    }
}
