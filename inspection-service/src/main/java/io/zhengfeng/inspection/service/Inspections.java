package io.zhengfeng.inspection.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.zhengfeng.inspection.events.InspectionEvents;
import io.zhengfeng.inspection.persistence.AnswerEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.inspection.persistence.ItemEntity;
import io.zhengfeng.inspection.persistence.TemplateEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/** Inspections: planned → in_progress → completed; answers per template item; publication. */
@ApplicationScoped
public class Inspections {
    public record Plan(String campaignId, String templateId, String type, String scope, String targetKind,
            String targetDepartment, String targetName, String inspectingDepartment, List<String> inspectors,
            LocalDate plannedOn, String place, String notes) {
    }

    public record AnswerInput(String itemId, String result, String note) {
    }

    public record Filter(String campaignId, String type, String status, String department) {
    }

    private final Access access;
    private final AuditTrail audit;
    private final InspectionEvents events;

    public Inspections(Access access, AuditTrail audit, InspectionEvents events) {
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public Views.Inspection plan(Plan in) {
        Codes.present("body", in);
        String type = Codes.oneOf("type", in.type(), Codes.TYPES);
        boolean selfByHead = "self".equals(type) && access.user().hasRole(Roles.DEPT_HEAD);
        if (!selfByHead) {
            access.requireAny("Planning an inspection", Roles.INSPECTOR, Roles.ADMIN);
        }
        InspectionEntity i = new InspectionEntity();
        i.id = UUID.randomUUID().toString();
        i.type = type;
        i.scope = Codes.oneOf("scope", in.scope() == null ? "routine" : in.scope(), Codes.SCOPES);
        i.targetKind = Codes.oneOf("targetKind", in.targetKind() == null ? "department" : in.targetKind(), Codes.TARGET_KINDS);
        i.targetDepartment = Codes.required("targetDepartment", in.targetDepartment(), 64);
        i.targetName = Codes.optional("targetName", in.targetName(), 200);
        if (!"department".equals(i.targetKind) && i.targetName == null) {
            throw ProblemException.badField("targetName", "names the window, post or person inspected");
        }
        i.inspectingDepartment = Codes.optional("inspectingDepartment", in.inspectingDepartment(), 64);
        if ("peer".equals(type)) {
            if (i.inspectingDepartment == null) {
                throw ProblemException.badField("inspectingDepartment", "is required for a peer inspection");
            }
            if (i.inspectingDepartment.equals(i.targetDepartment)) {
                throw ProblemException.badField("inspectingDepartment",
                        "must differ from targetDepartment: a peer inspection (横向互查) is done by another department");
            }
        }
        if ("self".equals(type)) {
            i.inspectingDepartment = i.targetDepartment;
        }
        if (selfByHead && !access.user().department().orElse("").equals(i.targetDepartment)) {
            throw ProblemException.forbidden("A department head plans self-inspections of the own department only");
        }
        if (in.campaignId() != null) {
            i.campaignId = Campaigns.find(Codes.uuid("campaignId", in.campaignId())).id;
        }
        i.template = in.templateId() == null ? Templates.latest(Templates.SIX_CHECKS)
                : Templates.find(Codes.uuid("templateId", in.templateId()));
        if (in.inspectors() != null) {
            for (int n = 0; n < in.inspectors().size(); n++) {
                i.inspectors.add(Codes.required("inspectors[" + n + "]", in.inspectors().get(n), 100));
            }
        }
        if (i.inspectors.isEmpty()) {
            i.inspectors.add(access.user().username());
        }
        i.plannedOn = in.plannedOn();
        i.place = Codes.optional("place", in.place(), 200);
        i.notes = Codes.optional("notes", in.notes(), 100_000);
        i.status = "planned";
        i.createdBy = access.user().username();
        i.createdAt = Instant.now();
        i.persist();
        events.inspection(i, "planned");
        audit.record("inspection.plan", i.id, AuditTrail.ALLOWED, type + " of " + i.targetDepartment);
        return view(i);
    }

    public Views.Inspection get(String id) {
        return view(visible(id));
    }

    /** 404 for what does not exist and for what the caller may not know exists. */
    public InspectionEntity visible(String id) {
        InspectionEntity i = find(id);
        if (!access.canSee(i)) {
            throw ProblemException.notFound("Inspection " + id);
        }
        return i;
    }

    public static InspectionEntity find(String id) {
        InspectionEntity i;
        try {
            i = id == null ? null : InspectionEntity.findById(UUID.fromString(id).toString());
        } catch (IllegalArgumentException e) {
            i = null;
        }
        if (i == null) {
            throw ProblemException.notFound("Inspection " + id);
        }
        return i;
    }

    public Paged<Views.Inspection> list(Filter f, int page, int size) {
        Query q = query(f);
        var panache = InspectionEntity.<InspectionEntity>find(q.where + " order by i.createdAt desc, i.id", q.params);
        List<Views.Inspection> items = panache.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list()
                .stream().map(this::view).toList();
        return new Paged<>(items, page, size, panache.count());
    }

    public long count(Filter f) {
        Query q = query(f);
        return InspectionEntity.count(q.where, q.params);
    }

    private record Query(String where, Map<String, Object> params) {
    }

    private Query query(Filter f) {
        StringBuilder where = new StringBuilder("from InspectionEntity i where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        Optional<String> dept = access.scope();
        if (dept.isPresent()) {
            where.append(" and (i.targetDepartment = :dept or i.inspectingDepartment = :dept) and not ")
                    .append(Access.HIDDEN_FROM_DEPT);
            params.put("dept", dept.get());
        }
        if (f.campaignId() != null) {
            where.append(" and i.campaignId = :campaign");
            params.put("campaign", f.campaignId());
        }
        if (f.type() != null) {
            where.append(" and i.type = :type");
            params.put("type", Codes.oneOf("type", f.type(), Codes.TYPES));
        }
        if (f.status() != null) {
            where.append(" and i.status = :status");
            params.put("status", Codes.oneOf("status", f.status(), List.of("planned", "in_progress", "completed")));
        }
        if (f.department() != null) {
            where.append(" and i.targetDepartment = :target");
            params.put("target", f.department());
        }
        return new Query(where.toString(), params);
    }

    @Transactional
    public Views.Inspection start(String id) {
        InspectionEntity i = writable(id);
        requireStatus(i, "planned");
        i.status = "in_progress";
        i.startedAt = Instant.now();
        events.inspection(i, "started");
        audit.record("inspection.start", i.id, AuditTrail.ALLOWED, null);
        return view(i);
    }

    @Transactional
    public Views.Inspection answer(String id, List<AnswerInput> answers) {
        InspectionEntity i = writable(id);
        if ("completed".equals(i.status)) {
            throw ProblemException.conflict("inspection-completed", "The inspection is completed; its answers are final");
        }
        if (answers == null || answers.isEmpty()) {
            throw ProblemException.badField("answers", "at least one answer is required");
        }
        if ("planned".equals(i.status)) {
            i.status = "in_progress";
            i.startedAt = Instant.now();
            events.inspection(i, "started");
        }
        for (int n = 0; n < answers.size(); n++) {
            AnswerInput a = Codes.present("answers[" + n + "]", answers.get(n));
            ItemEntity item = item(i, a.itemId(), "answers[" + n + "].itemId");
            AnswerEntity row = AnswerEntity.find("inspectionId = ?1 and itemId = ?2", i.id, item.id).firstResult();
            if (row == null) {
                row = new AnswerEntity();
                row.inspectionId = i.id;
                row.itemId = item.id;
            }
            row.result = Codes.oneOf("answers[" + n + "].result", a.result(), Codes.RESULTS);
            row.note = Codes.optional("answers[" + n + "].note", a.note(), 2000);
            row.answeredBy = access.user().username();
            row.answeredAt = Instant.now();
            row.persist();
        }
        audit.record("inspection.answer", i.id, AuditTrail.ALLOWED, answers.size() + " answers");
        return view(i);
    }

    @Transactional
    public Views.Inspection complete(String id, String notes) {
        InspectionEntity i = writable(id);
        requireStatus(i, "in_progress");
        if (notes != null) {
            i.notes = Codes.optional("notes", notes, 100_000);
        }
        i.status = "completed";
        i.completedAt = Instant.now();
        events.inspection(i, "completed");
        audit.record("inspection.complete", i.id, AuditTrail.ALLOWED, null);
        return view(i);
    }

    /** Makes a completed inspection public; an undercover one becomes visible to its department. */
    @Transactional
    public Views.Inspection publish(String id, String summary) {
        access.requireAny("Publishing an inspection", Roles.INSPECTOR, Roles.ADMIN);
        InspectionEntity i = find(id);
        requireStatus(i, "completed");
        if (i.publishedAt != null) {
            throw ProblemException.conflict("already-published", "The inspection was published at " + i.publishedAt);
        }
        i.publishedSummary = Codes.required("summary", summary, 10_000);
        i.publishedAt = Instant.now();
        events.inspection(i, "published");
        audit.record("inspection.publish", i.id, AuditTrail.ALLOWED, null);
        return view(i);
    }

    private InspectionEntity writable(String id) {
        InspectionEntity i = visible(id);
        boolean selfByHead = "self".equals(i.type) && access.user().hasRole(Roles.DEPT_HEAD)
                && access.user().department().orElse("").equals(i.targetDepartment);
        if (!selfByHead) {
            access.requireAny("Recording an inspection", Roles.INSPECTOR, Roles.ADMIN);
        }
        return i;
    }

    static ItemEntity item(InspectionEntity i, String itemId, String field) {
        return i.template.items.stream().filter(it -> it.id.equals(itemId)).findFirst()
                .orElseThrow(() -> ProblemException.badField(field, "is not an item of template "
                        + i.template.code + " v" + i.template.version));
    }

    private static void requireStatus(InspectionEntity i, String status) {
        if (!status.equals(i.status)) {
            throw ProblemException.conflict("illegal-transition", "The inspection is " + i.status + ", not " + status);
        }
    }

    public Views.Inspection view(InspectionEntity i) {
        TemplateEntity t = i.template;
        Map<String, Integer> positions = new HashMap<>();
        t.items.forEach(it -> positions.put(it.id, it.position));
        List<Views.Answer> answers = AnswerEntity.<AnswerEntity>list("inspectionId", i.id).stream()
                .map(a -> new Views.Answer(a.itemId, positions.getOrDefault(a.itemId, 0), a.result, a.note, a.answeredBy, a.answeredAt))
                .sorted(java.util.Comparator.comparingInt(Views.Answer::position)).toList();
        return new Views.Inspection(i.id, i.campaignId, i.type, i.scope, i.targetKind, i.targetDepartment, i.targetName,
                i.inspectingDepartment, i.status, t.id, t.version, List.copyOf(i.inspectors), i.plannedOn, i.place,
                i.notes, answers, i.publishedAt, i.publishedSummary, i.createdBy, i.createdAt, i.startedAt, i.completedAt);
    }
}
