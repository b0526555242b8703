package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.zhengfeng.complaint.events.ComplaintEvents;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.complaint.pii.Redaction;
import io.zhengfeng.platform.persistence.RowIds;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** Receives a message from any channel: stored, deadline set, event out — one transaction. */
@ApplicationScoped
public class ComplaintIntake {
    private static final Logger LOG = Logger.getLogger(ComplaintIntake.class);
    /** A clash is ~1 in 10^8 per pair of a day's numbers: a few fresh draws always suffice. */
    static final int TRACKING_NUMBER_ATTEMPTS = 5;
    private static final String TRACKING_KEY = "uk_complaint_tracking";

    private final ComplaintRepository complaints;
    private final DeadlinePolicy deadlines;
    private final AccessCodes codes;
    private final PersonalDataCipher cipher;
    private final ComplaintEvents events;
    private final History history;
    private final AuditTrail audit;
    private final CurrentUser user;

    public ComplaintIntake(ComplaintRepository complaints, DeadlinePolicy deadlines, AccessCodes codes,
            PersonalDataCipher cipher, ComplaintEvents events, History history, AuditTrail audit, CurrentUser user) {
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.codes = codes;
        this.cipher = cipher;
        this.events = events;
        this.history = history;
        this.audit = audit;
        this.user = user;
    }

    /**
     * Each attempt is its own transaction: a tracking number another submission took first rolls the
     * attempt back whole (complaint, history, audit, event) and the next draws a new number, so the
     * citizen gets a 201, never a 500, for a clash that is not theirs.
     */
    public Submitted submit(NewComplaint request) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> submitOnce(request));
            } catch (RuntimeException e) {
                if (attempt >= TRACKING_NUMBER_ATTEMPTS || !isTrackingNumberClash(e)) {
                    throw e;
                }
                LOG.infof("Tracking number clash on attempt %d; drawing a new number", attempt);
            }
        }
    }

    private static boolean isTrackingNumberClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c && c.getConstraintName() != null
                    && c.getConstraintName().contains(TRACKING_KEY)) {
                return true;
            }
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException && t.getMessage() != null
                    && t.getMessage().contains(TRACKING_KEY)) {
                return true;
            }
        }
        return false;
    }

    private Submitted submitOnce(NewComplaint request) {
        CategoryEntity category = CategoryEntity.findById(request.category());
        if (category == null || !category.active) {
            throw ProblemException.badField("category", "unknown category; GET /api/complaints/categories lists them");
        }
        boolean staff = user.hasRole(Roles.SPOKESPERSON);
        if (!request.channel().isSelfService() && !staff) {
            throw ProblemException.badField("channel",
                    "only web and spokesperson_column are open to citizens; the spokesperson records the others");
        }
        ContactDetails contact = request.contact() == null ? new ContactDetails(null, null, null, null, null) : request.contact();
        // Open311 GeoReport v2 makes contact optional: its front ends' citizens follow a request by its id.
        if (request.kind() != Kind.REPORT && request.open311Client() == null && !contact.isReachable()) {
            throw ProblemException.badField("contact", "a phone number or e-mail is required; only a report may be anonymous");
        }

        Instant now = Instant.now();
        ComplaintEntity c = new ComplaintEntity();
        c.id = RowIds.next().toString(); // time-ordered: the complaint table grows at its end
        c.trackingNumber = uniqueTrackingNumber(now);
        String accessCode = codes.newAccessCode();
        c.accessCodeHash = codes.hash(c.trackingNumber, accessCode);
        c.kind = request.kind();
        c.channel = request.channel();
        c.category = category.code;
        c.status = Status.SUBMITTED;
        c.title = request.title();
        c.content = request.content();
        c.redactedTitle = Redaction.redact(c.title, contact.name());
        c.redactedContent = Redaction.redact(c.content, contact.name());
        c.anonymous = contact.isEmpty();
        // A report's author is protected from the department it is about unless they waive it.
        c.confidential = request.confidential() != null ? request.confidential() : request.kind() == Kind.REPORT;
        c.contactName = cipher.encrypt(blankToNull(contact.name()));
        c.contactPhone = cipher.encrypt(blankToNull(contact.phone()));
        c.contactIdNumber = cipher.encrypt(blankToNull(contact.idNumber()));
        c.contactAddress = cipher.encrypt(blankToNull(contact.address()));
        c.contactEmail = cipher.encrypt(blankToNull(contact.email()));
        c.recordedBy = staff ? user.username() : null;
        c.open311Client = request.open311Client();
        if (request.location() != null) {
            c.addressString = request.location().address();
            c.latitude = request.location().latitude();
            c.longitude = request.location().longitude();
        }
        c.submittedAt = now;
        c.acceptanceDueAt = deadlines.acceptanceDue(category, now);
        c.acceptanceDueProvisional = deadlines.provisional(now, c.acceptanceDueAt);
        complaints.persist(c);
        complaints.flush(); // a tracking-number clash surfaces here, before anything else is written

        history.record(c, "submit", null, staff ? "recorded by staff from " + c.channel.code() : "via " + c.channel.code());
        audit.record("complaint.submit", c.id, AuditTrail.ALLOWED, c.kind.code() + "/" + c.channel.code());
        events.publish(c, "submitted", null);
        return new Submitted(UUID.fromString(c.id), c.trackingNumber, accessCode, c.status, c.acceptanceDueAt);
    }

    /** ~887 million numbers a day: the unique key catches a clash and {@link #submit} draws again. */
    private String uniqueTrackingNumber(Instant now) {
        return codes.newTrackingNumber(now);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
