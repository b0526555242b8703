package io.zhengfeng.inspection.service;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.inspection.events.InspectionEvents;
import io.zhengfeng.inspection.persistence.EvidenceEntity;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.OrderEntity;
import io.zhengfeng.inspection.persistence.OrderEntryEntity;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * Rectification orders (整改): ordered with a measure, owner and due date; progress notes; the owner
 * reports it done with evidence; an inspector verifies effectiveness — effective closes it, not
 * effective reopens it with a new due date. The due date ends at close of business of that day.
 */
@ApplicationScoped
public class Rectifications {
    public record NewOrder(String measure, String owner, String department, LocalDate dueDate) {
    }

    public record Verification(Boolean effective, String note, LocalDate newDueDate) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private final Access access;
    private final AuditTrail audit;
    private final InspectionEvents events;
    private final Findings findings;
    private final Evidence evidence;
    private final WorkingCalendar calendar;

    public Rectifications(Access access, AuditTrail audit, InspectionEvents events, Findings findings, Evidence evidence,
            WorkingCalendar calendar) {
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.findings = findings;
        this.evidence = evidence;
        this.calendar = calendar;
    }

    @Transactional
    public Views.Order order(String findingId, NewOrder in) {
        FindingEntity f = findings.visible(findingId);
        access.requireAny("Ordering a rectification", Roles.INSPECTOR, Roles.ADMIN);
        if (!"open".equals(f.status)) {
            throw ProblemException.conflict("finding-closed", "The finding is closed");
        }
        Codes.present("body", in);
        OrderEntity o = new OrderEntity();
        o.id = UUID.randomUUID().toString();
        o.findingId = f.id;
        o.reference = reference();
        o.measure = Codes.required("measure", in.measure(), 20_000);
        o.owner = Codes.required("owner", in.owner(), 100);
        o.department = in.department() == null ? f.responsibleDepartment : Codes.required("department", in.department(), 64);
        // whole seconds: the stored value (MariaDB through Connector/J keeps none) must equal what the event says,
        // or notification-service would take every later event for a moved deadline and re-arm the timer
        o.startAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        o.dueAt = dueAt("dueDate", in.dueDate());
        o.status = "open";
        o.rounds = 1;
        o.createdBy = access.user().username();
        o.createdAt = o.startAt;
        o.persist();
        entry(o, "ordered", o.measure);
        events.order(o, "ordered");
        audit.record("order.create", o.id, AuditTrail.ALLOWED, "finding " + f.id);
        return view(o);
    }

    private Instant dueAt(String field, LocalDate date) {
        Codes.present(field, date);
        if (date.isBefore(LocalDate.now(calendar.zone()))) {
            throw ProblemException.badField(field, "is in the past");
        }
        return calendar.closeOfBusiness(date);
    }

    @Transactional
    public Views.Order note(String id, String text) {
        OrderEntity o = visible(id);
        requireActor(o, "Adding a progress note");
        if ("closed".equals(o.status)) {
            throw ProblemException.conflict("order-closed", "The order is closed");
        }
        entry(o, "progress", Codes.required("text", text, 10_000));
        events.order(o, "progressed");
        audit.record("order.note", o.id, AuditTrail.ALLOWED, null);
        return view(o);
    }

    @Transactional
    public Views.Order reportDone(String id, String text) {
        OrderEntity o = visible(id);
        boolean owner = o.owner.equals(access.user().username());
        boolean head = access.user().hasRole(Roles.DEPT_HEAD) && access.user().department().orElse("").equals(o.department);
        if (!owner && !head && !access.user().hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("The order's owner or the head of " + o.department + " reports it done");
        }
        requireStatus(o, "open");
        o.status = "reported";
        o.reportedAt = Instant.now();
        o.reportText = Codes.required("text", text, 10_000);
        entry(o, "reported", o.reportText);
        events.order(o, "reported");
        audit.record("order.report", o.id, AuditTrail.ALLOWED, null);
        return view(o);
    }

    @Transactional
    public Views.Order verify(String id, Verification in) {
        OrderEntity o = visible(id);
        access.requireAny("Verifying a rectification", Roles.INSPECTOR, Roles.ADMIN);
        Codes.present("body", in);
        boolean effective = Codes.present("effective", in.effective());
        requireStatus(o, "reported");
        String note = Codes.optional("note", in.note(), 10_000);
        o.verifiedAt = Instant.now();
        o.verifiedBy = access.user().username();
        o.effective = effective;
        if (effective) {
            o.status = "closed";
            entry(o, "verified_effective", note);
            events.order(o, "closed");
            findings.closeIfDone(o.findingId);
        } else {
            o.dueAt = dueAt("newDueDate", in.newDueDate());
            o.startAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            o.status = "open";
            o.overdue = false;
            o.overdueAt = null;
            o.rounds++;
            entry(o, "verified_not_effective", note);
            events.order(o, "reopened");
        }
        audit.record("order.verify", o.id, AuditTrail.ALLOWED, effective ? "effective" : "not effective");
        return view(o);
    }

    /** notification-service says the order's deadline passed: mark it overdue, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markOverdue(DeadlineBreached breach) {
        OrderEntity o = OrderEntity.findById(breach.subjectId().toString());
        if (o == null || "closed".equals(o.status) || o.overdue || breach.dueAt() == null
                || !o.dueAt.truncatedTo(ChronoUnit.MILLIS).equals(breach.dueAt().truncatedTo(ChronoUnit.MILLIS))) {
            return false; // unknown, already met, already marked, or a deadline since moved: stale
        }
        o.overdue = true;
        o.overdueAt = breach.breachedAt() == null ? Instant.now() : breach.breachedAt();
        OrderEntryEntity e = new OrderEntryEntity();
        e.orderId = o.id;
        e.kind = "overdue";
        e.text = "督办: due " + o.dueAt;
        e.author = "notification-service";
        e.at = Instant.now();
        e.persist();
        events.order(o, "overdue");
        return true;
    }

    @Transactional
    public Views.EvidenceInfo attach(String id, InputStream body, String contentType, Long length, String filename) {
        OrderEntity o = visible(id);
        requireActor(o, "Attaching evidence to an order");
        if ("closed".equals(o.status)) {
            throw ProblemException.conflict("order-closed", "The order is closed");
        }
        EvidenceEntity e = evidence.read(body, contentType, length, filename, access.user().username());
        e.orderId = o.id;
        e.persist();
        audit.record("order.evidence", o.id, AuditTrail.ALLOWED, e.sha256);
        return Evidence.info(e);
    }

    public Views.Order get(String id) {
        return view(visible(id));
    }

    public OrderEntity visible(String id) {
        OrderEntity o;
        try {
            o = id == null ? null : OrderEntity.findById(UUID.fromString(id).toString());
        } catch (IllegalArgumentException e) {
            o = null;
        }
        if (o == null) {
            throw ProblemException.notFound("Rectification order " + id);
        }
        try {
            findings.visible(o.findingId);
        } catch (ProblemException hidden) {
            if (hidden.status() != 404) {
                throw hidden;
            }
            throw ProblemException.notFound("Rectification order " + id);
        }
        return o;
    }

    public Paged<Views.Order> list(String findingId, String status, Boolean overdue, int page, int size) {
        if (findingId != null) {
            findings.visible(findingId);
        }
        StringBuilder where = new StringBuilder("from OrderEntity o where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        Optional<String> dept = access.scope();
        if (dept.isPresent()) {
            where.append(" and o.department = :dept and not exists (select 1 from FindingEntity f, InspectionEntity i"
                    + " where f.id = o.findingId and i.id = f.inspectionId and ").append(Access.HIDDEN_FROM_DEPT).append(")");
            params.put("dept", dept.get());
        }
        if (findingId != null) {
            where.append(" and o.findingId = :finding");
            params.put("finding", findingId);
        }
        if (status != null) {
            where.append(" and o.status = :status");
            params.put("status", Codes.oneOf("status", status, List.of("open", "reported", "closed")));
        }
        if (overdue != null) {
            where.append(" and o.overdue = :overdue");
            params.put("overdue", overdue);
        }
        var q = OrderEntity.<OrderEntity>find(where + " order by o.dueAt, o.id", params);
        List<Views.Order> items = q.page(Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list().stream()
                .map(Rectifications::view).toList();
        return new Paged<>(items, page, size, q.count());
    }

    private void requireActor(OrderEntity o, String what) {
        boolean ownDept = access.user().hasAnyRole(Roles.HANDLER, Roles.DEPT_HEAD)
                && access.user().department().orElse("").equals(o.department);
        if (!ownDept && !o.owner.equals(access.user().username())) {
            access.requireAny(what, Roles.INSPECTOR, Roles.ADMIN);
        }
    }

    private static void requireStatus(OrderEntity o, String status) {
        if (!status.equals(o.status)) {
            throw ProblemException.conflict("illegal-transition", "The order is " + o.status + ", not " + status);
        }
    }

    private void entry(OrderEntity o, String kind, String text) {
        OrderEntryEntity e = new OrderEntryEntity();
        e.orderId = o.id;
        e.kind = kind;
        e.text = text;
        e.author = access.user().username();
        e.at = Instant.now();
        e.persist();
    }

    private static String reference() {
        StringBuilder s = new StringBuilder("ZG-").append(LocalDate.now().getYear()).append('-');
        for (int n = 0; n < 6; n++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public static Views.Order view(OrderEntity o) {
        List<Views.Entry> history = OrderEntryEntity.<OrderEntryEntity>list("orderId = ?1 order by id", o.id).stream()
                .map(e -> new Views.Entry(e.kind, e.text, e.author, e.at)).toList();
        return new Views.Order(o.id, o.findingId, o.reference, o.measure, o.owner, o.department, o.status, o.startAt,
                o.dueAt, o.overdue, o.overdueAt, o.rounds, o.reportedAt, o.reportText, o.verifiedAt, o.verifiedBy,
                o.effective, o.createdAt, history, Evidence.ofOrder(o.id));
    }
}
