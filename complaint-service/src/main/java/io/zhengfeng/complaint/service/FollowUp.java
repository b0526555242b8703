package io.zhengfeng.complaint.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.zhengfeng.complaint.events.ComplaintEvents;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/**
 * After the reply (回访): the citizen rates it with their access code, or the spokesperson records
 * a phone follow-up; a satisfied rating closes the complaint, a dissatisfied one may reopen it once.
 */
@ApplicationScoped
public class FollowUp {
    private final ComplaintRepository complaints;
    private final AccessCodes codes;
    private final DeadlinePolicy deadlines;
    private final ComplaintEvents events;
    private final History history;
    private final AuditTrail audit;
    private final CurrentUser user;
    private final EntityManager em;

    public FollowUp(ComplaintRepository complaints, AccessCodes codes, DeadlinePolicy deadlines, ComplaintEvents events,
            History history, AuditTrail audit, CurrentUser user, EntityManager em) {
        this.complaints = complaints;
        this.codes = codes;
        this.deadlines = deadlines;
        this.events = events;
        this.history = history;
        this.audit = audit;
        this.user = user;
        this.em = em;
    }

    @Transactional
    public void rateByCitizen(String id, String accessCode, Rating rating, String comment) {
        rate(citizenOwned(id, accessCode), rating, comment, "rate");
    }

    @Transactional
    public void recordFollowUp(String id, Rating rating, String comment) {
        ComplaintEntity c = load(id);
        if (!user.hasRole(Roles.SPOKESPERSON)) {
            audit.recordRefusal("complaint.record-follow-up", id, "not the spokesperson");
            throw ProblemException.forbidden("Only the spokesperson records follow-ups");
        }
        rate(c, rating, comment, "record-follow-up");
    }

    @Transactional
    public void reopen(String id, String accessCode, String reason) {
        ComplaintEntity c = citizenOwned(id, accessCode);
        ComplaintWorkflow.requireStatus(c, "reopen", Status.REPLIED);
        if (c.rating != Rating.DISSATISFIED) {
            throw ProblemException.conflict("reopen-needs-dissatisfied", "Only a reply rated dissatisfied can be reopened");
        }
        if (c.reopenCount > 0) {
            throw ProblemException.conflict("reopen-used", "A complaint can be reopened once");
        }
        Status before = c.status;
        Instant now = Instant.now();
        c.reopenCount++;
        c.status = Status.ASSIGNED; // back to the department that replied, with a fresh time limit
        c.replyStartedAt = now;
        c.replyDueAt = deadlines.replyDue(c.kind, CategoryEntity.findById(c.category), now);
        c.replyDueProvisional = deadlines.provisional(now, c.replyDueAt);
        c.followUpDueAt = null;
        c.overdue = false;
        c.rating = null;
        c.ratingComment = null;
        c.ratedAt = null;
        c.replyPublished = false;
        c.extensionStatus = null;
        c.extensionDays = null;
        history.record(c, "reopen", before, reason);
        audit.record("complaint.reopen", c.id, AuditTrail.ALLOWED, reason);
        events.publish(c, "reopened", before);
        em.flush();
    }

    private void rate(ComplaintEntity c, Rating rating, String comment, String action) {
        ComplaintWorkflow.requireStatus(c, action, Status.REPLIED);
        if (c.rating != null) {
            throw ProblemException.conflict("already-rated", "This reply was already rated " + c.rating.code());
        }
        Status before = c.status;
        c.rating = rating;
        c.ratingComment = comment;
        c.ratedAt = Instant.now();
        history.record(c, action, before, rating.code() + (comment == null ? "" : ": " + comment));
        audit.record("complaint." + action, c.id, AuditTrail.ALLOWED, rating.code());
        events.publish(c, "rated", before);
        if (rating != Rating.DISSATISFIED) {
            ComplaintWorkflow.closeNow(c);
            history.record(c, "close", Status.REPLIED, "closed by a " + rating.code() + " rating");
            events.publish(c, "closed", Status.REPLIED);
        }
        em.flush();
    }

    /** The access code proves the caller is the complainant; a wrong one looks like an unknown id. */
    private ComplaintEntity citizenOwned(String id, String accessCode) {
        ComplaintEntity c = complaints.findByIdOptional(id).orElse(null);
        if (c == null || !codes.matches(c.trackingNumber, accessCode, c.accessCodeHash)) {
            throw ProblemException.notFound("Complaint " + id);
        }
        return c;
    }

    private ComplaintEntity load(String id) {
        return complaints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Complaint " + id));
    }
}
