package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.zhengfeng.complaint.events.ComplaintEvents;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.zhengfeng.complaint.persistence.DepartmentEntity;
import io.zhengfeng.complaint.pii.Redaction;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * Every staff action on a complaint: check role, department and state, change, record history and
 * audit, publish the event — in one transaction. An illegal transition is a 409 naming the current
 * state; a concurrent change to the same complaint loses with a 409 (optimistic locking).
 */
@ApplicationScoped
public class ComplaintWorkflow {
    static final String DRAFT_PENDING = "pending_approval";
    static final String DRAFT_RETURNED = "returned";
    static final String EXTENSION_PENDING = "pending";
    static final String EXTENSION_APPROVED = "approved";
    static final String EXTENSION_DENIED = "denied";

    private final ComplaintRepository complaints;
    private final DeadlinePolicy deadlines;
    private final ComplaintEvents events;
    private final History history;
    private final AuditTrail audit;
    private final Access access;
    private final ContactVisibility contacts;
    private final EntityManager em;

    public ComplaintWorkflow(ComplaintRepository complaints, DeadlinePolicy deadlines, ComplaintEvents events,
            History history, AuditTrail audit, Access access, ContactVisibility contacts, EntityManager em) {
        this.contacts = contacts;
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.events = events;
        this.history = history;
        this.audit = audit;
        this.access = access;
        this.em = em;
    }

    @Transactional
    public void accept(String id) {
        change(id, "accept", "accepted", c -> {
            access.requireRole(c, "accept", Roles.SPOKESPERSON);
            requireStatus(c, "accept", Status.SUBMITTED);
            Instant now = Instant.now();
            c.status = Status.ACCEPTED;
            c.acceptedAt = now;
            c.acceptedOnTime = !now.isAfter(c.acceptanceDueAt);
            c.replyStartedAt = now;
            c.replyDueAt = deadlines.replyDue(c.kind, category(c), now);
            c.replyDueProvisional = deadlines.provisional(now, c.replyDueAt);
            c.overdue = false; // overdue belongs to a stage: a late acceptance ends the acceptance stage's lateness
        }, null);
    }

    @Transactional
    public void reject(String id, String reason) {
        change(id, "reject", "rejected", c -> {
            access.requireRole(c, "reject", Roles.SPOKESPERSON);
            requireStatus(c, "reject", Status.SUBMITTED);
            c.status = Status.REJECTED;
            c.rejectReason = reason;
            c.acceptedOnTime = !Instant.now().isAfter(c.acceptanceDueAt);
            c.closedAt = Instant.now();
            c.overdue = false;
        }, reason);
    }

    @Transactional
    public void assign(String id, String department) {
        change(id, "assign", "assigned", c -> {
            access.requireRole(c, "assign", Roles.SPOKESPERSON);
            requireStatus(c, "assign", Status.ACCEPTED);
            c.department = knownDepartment(department);
            if (c.responsibleDepartment == null) {
                c.responsibleDepartment = c.department;
            }
            c.status = Status.ASSIGNED;
        }, "to " + department);
    }

    @Transactional
    public void transfer(String id, String department, String reason) {
        change(id, "transfer", "transferred", c -> {
            access.requireSpokespersonOrOwnHead(c, "transfer");
            requireStatus(c, "transfer", Status.ASSIGNED, Status.IN_PROGRESS);
            String target = knownDepartment(department);
            if (target.equals(c.department)) {
                throw ProblemException.badField("department", "the complaint is already with " + target);
            }
            c.department = target; // responsibleDepartment stays: 首问负责
            c.status = Status.ASSIGNED;
            c.draftReply = null;
            c.draftStatus = null;
        }, "to " + department + ": " + reason);
    }

    @Transactional
    public void draftReply(String id, String content) {
        change(id, "reply", null, c -> {
            access.requireDepartmentMember(c, "reply", Roles.HANDLER, Roles.DEPT_HEAD);
            requireStatus(c, "reply", Status.ASSIGNED, Status.IN_PROGRESS);
            if (DRAFT_PENDING.equals(c.draftStatus)) {
                throw ProblemException.conflict("reply-pending-approval", "A reply is already waiting for the head's approval");
            }
            c.status = Status.IN_PROGRESS;
            c.draftReply = content;
            c.draftStatus = DRAFT_PENDING;
            c.draftBy = null;
        }, null);
    }

    @Transactional
    public void approveReply(String id) {
        change(id, "approve-reply", "replied", c -> {
            access.requireDepartmentMember(c, "approve-reply", Roles.DEPT_HEAD);
            requireStatus(c, "approve-reply", Status.IN_PROGRESS);
            requireDraftPending(c);
            Instant now = Instant.now();
            c.status = Status.REPLIED;
            c.replyContent = c.draftReply;
            c.draftStatus = null;
            c.draftReply = null;
            c.repliedAt = now;
            c.repliedOnTime = !now.isAfter(c.replyDueAt);
            c.followUpDueAt = deadlines.followUpDue(category(c), now);
            c.followUpDueProvisional = deadlines.provisional(now, c.followUpDueAt);
            c.overdue = false; // replying ends the reply stage's lateness (repliedOnTime keeps the record)
            c.replyPublished = false;
        }, null);
    }

    @Transactional
    public void returnReply(String id, String reason) {
        change(id, "return-reply", null, c -> {
            access.requireDepartmentMember(c, "return-reply", Roles.DEPT_HEAD);
            requireStatus(c, "return-reply", Status.IN_PROGRESS);
            requireDraftPending(c);
            c.draftStatus = DRAFT_RETURNED;
        }, reason);
    }

    @Transactional
    public void requestExtension(String id, int workingDays, String reason) {
        change(id, "request-extension", null, c -> {
            access.requireDepartmentMember(c, "request-extension", Roles.DEPT_HEAD);
            requireStatus(c, "request-extension", Status.ASSIGNED, Status.IN_PROGRESS);
            if (workingDays < 1 || workingDays > deadlines.maxExtensionDays()) {
                throw ProblemException.badField("workingDays", "must be between 1 and " + deadlines.maxExtensionDays());
            }
            if (c.extensionStatus != null) {
                throw ProblemException.conflict("extension-used",
                        "Only one extension per complaint; this one's is " + c.extensionStatus);
            }
            c.extensionStatus = EXTENSION_PENDING;
            c.extensionDays = workingDays;
            c.extensionReason = reason;
        }, workingDays + " working days: " + reason);
    }

    @Transactional
    public void decideExtension(String id, boolean approve, String reason) {
        String action = approve ? "approve-extension" : "deny-extension";
        change(id, action, approve ? "extended" : null, c -> {
            access.requireRole(c, action, Roles.LEADER);
            requireStatus(c, action, Status.ASSIGNED, Status.IN_PROGRESS);
            if (!EXTENSION_PENDING.equals(c.extensionStatus)) {
                throw ProblemException.conflict("no-extension-pending", "No extension request is pending");
            }
            c.extensionStatus = approve ? EXTENSION_APPROVED : EXTENSION_DENIED;
            if (approve) {
                c.replyDueAt = deadlines.extend(c.replyDueAt, c.extensionDays);
                c.replyDueProvisional = deadlines.provisional(c.replyStartedAt, c.replyDueAt);
                c.overdue = c.overdue && Instant.now().isAfter(c.replyDueAt);
            }
        }, reason);
    }

    @Transactional
    public void close(String id) {
        change(id, "close", "closed", c -> {
            access.requireRole(c, "close", Roles.SPOKESPERSON, Roles.LEADER);
            requireStatus(c, "close", Status.REPLIED);
            closeNow(c);
        }, null);
    }

    @Transactional
    public void publishReply(String id, String publicText) {
        change(id, "publish-reply", null, c -> {
            access.requireRole(c, "publish-reply", Roles.SPOKESPERSON);
            requireStatus(c, "publish-reply", Status.REPLIED, Status.CLOSED);
            String name = contacts.nameForRedaction(c);
            c.replyPublished = true;
            c.publicReply = Redaction.redact(publicText == null || publicText.isBlank() ? c.replyContent : publicText, name);
            c.publicContent = Redaction.redact(c.content, name);
        }, null);
    }

    /** Loads, applies the change, then records it; the flush surfaces a lost optimistic race here. */
    private void change(String id, String action, String eventVerb, Consumer<ComplaintEntity> mutation, String detail) {
        ComplaintEntity c = complaints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Complaint " + id));
        Status before = c.status;
        mutation.accept(c);
        history.record(c, action, before, detail);
        audit.record("complaint." + action, c.id, AuditTrail.ALLOWED, detail);
        if (eventVerb != null) {
            events.publish(c, eventVerb, before);
        }
        em.flush();
    }

    static void closeNow(ComplaintEntity c) {
        c.status = Status.CLOSED;
        c.closedAt = Instant.now();
    }

    static void requireStatus(ComplaintEntity c, String action, Status... allowed) {
        if (Arrays.stream(allowed).noneMatch(s -> s == c.status)) {
            throw ProblemException.conflict("illegal-transition", "Cannot " + action + " a complaint that is "
                    + c.status.code() + " (needs " + String.join(" or ", Arrays.stream(allowed).map(Status::code).toList()) + ")");
        }
    }

    private static void requireDraftPending(ComplaintEntity c) {
        if (!DRAFT_PENDING.equals(c.draftStatus)) {
            throw ProblemException.conflict("no-reply-pending", "No drafted reply is waiting for approval");
        }
    }

    private static String knownDepartment(String code) {
        DepartmentEntity d = code == null ? null : DepartmentEntity.findById(code);
        if (d == null || !d.active) {
            throw ProblemException.badField("department", "unknown department " + code);
        }
        return d.code;
    }

    private static CategoryEntity category(ComplaintEntity c) {
        return CategoryEntity.findById(c.category);
    }
}
