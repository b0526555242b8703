package io.zhengfeng.complaint.service;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.zhengfeng.complaint.persistence.HistoryEntry;
import io.zhengfeng.complaint.pii.Redaction;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** Reading complaints: staff views under the visibility rules, and the citizen's tracking view. */
@ApplicationScoped
public class ComplaintQueries {
    private final ComplaintRepository complaints;
    private final ContactVisibility contacts;
    private final Access access;
    private final AccessCodes codes;
    private final CurrentUser user;
    private final ComplaintConfig config;

    public ComplaintQueries(ComplaintRepository complaints, ContactVisibility contacts, Access access, AccessCodes codes,
            CurrentUser user, ComplaintConfig config) {
        this.complaints = complaints;
        this.contacts = contacts;
        this.access = access;
        this.codes = codes;
        this.user = user;
        this.config = config;
    }

    /**
     * Transactional because reading contact data writes its audit entry. Whoever may not see the
     * contact in full reads every text field redacted (pii/Redaction): citizens write their phone
     * number and name into the text too.
     */
    @Transactional
    public Views.ComplaintView view(String id) {
        ComplaintEntity c = visible(id);
        Views.ContactView contact = contacts.contactOf(c);
        if (!"full".equals(contact.visibility())) {
            String name = contacts.nameForRedaction(c);
            UnaryOperator<String> redact = text -> Redaction.redact(text, name);
            return toView(c, contact, redactedTitle(c, name), redactedContent(c, name), redact);
        }
        return toView(c, contact, c.title, c.content, UnaryOperator.identity());
    }

    @Transactional
    public List<Views.HistoryItem> history(String id) {
        ComplaintEntity c = visible(id);
        String name = readsInFull() ? null : contacts.nameForRedaction(c);
        UnaryOperator<String> redact = readsInFull() ? UnaryOperator.identity() : text -> Redaction.redact(text, name);
        return HistoryEntry.<HistoryEntry>find("complaintId", Sort.by("id"), c.id).stream()
                .map(h -> new Views.HistoryItem(h.at, h.actor, h.actorRole, h.action, h.fromStatus, h.toStatus,
                        h.department, redact.apply(h.detail)))
                .toList();
    }

    /** Only these readers see contacts in full (ContactVisibility), so only they read and search the raw text. */
    private boolean readsInFull() {
        return user.hasAnyRole(Roles.SPOKESPERSON, Roles.LEADER);
    }

    private static String redactedTitle(ComplaintEntity c, String name) {
        return c.redactedTitle != null || c.title == null ? c.redactedTitle : Redaction.redact(c.title, name);
    }

    private static String redactedContent(ComplaintEntity c, String name) {
        return c.redactedContent != null ? c.redactedContent : Redaction.redact(c.content, name);
    }

    @Transactional
    public Views.PageOf<Views.ComplaintSummary> search(ComplaintFilter filter, int page, int size) {
        int pageSize = Math.min(Math.max(size, 1), config.maxPageSize());
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        String department = filter.department();
        if (user.hasAnyRole(Roles.HANDLER, Roles.DEPT_HEAD)
                && !user.hasAnyRole(Roles.SPOKESPERSON, Roles.LEADER, Roles.SUPERVISOR, Roles.INSPECTOR, Roles.ADMIN)) {
            department = user.department().orElse("-none-"); // departments see only their own
        }
        add(where, params, "status", filter.status());
        add(where, params, "kind", filter.kind());
        add(where, params, "category", filter.category());
        add(where, params, "department", department);
        add(where, params, "channel", filter.channel());
        add(where, params, "overdue", filter.overdue());
        if (filter.from() != null) {
            where.append(" and submittedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and submittedAt < :to");
            params.put("to", filter.to());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            // staff who may not see the contact search the redacted text: a guessed name or phone finds nothing
            where.append(readsInFull() ? " and (content like :text or title like :text or trackingNumber = :exact)"
                    : " and (redactedContent like :text or redactedTitle like :text or trackingNumber = :exact)");
            params.put("text", "%" + filter.text().replace("%", "\\%").replace("_", "\\_") + "%");
            params.put("exact", filter.text().trim());
        }
        PanacheQuery<ComplaintEntity> query = complaints.find(where.toString(),
                Sort.descending("submittedAt").and("id", Sort.Direction.Descending), params);
        List<Views.ComplaintSummary> items = query.page(Page.of(Math.max(page, 0), pageSize)).stream()
                .map(c -> readsInFull() ? toSummary(c) : withTitle(toSummary(c), redactedTitle(c, contacts.nameForRedaction(c))))
                .toList();
        return new Views.PageOf<>(items, Math.max(page, 0), pageSize, query.count());
    }

    /**
     * A wrong access code answers exactly like an unknown number: 404, the same body, and the same
     * work (the code is hashed and compared against a decoy for an unknown number).
     */
    public Views.TrackingView track(String trackingNumber, String accessCode) {
        Optional<ComplaintEntity> found = complaints.findByTrackingNumber(trackingNumber);
        boolean matches = codes.matches(trackingNumber, accessCode,
                found.map(f -> f.accessCodeHash).orElse(AccessCodes.DECOY_HASH));
        if (!matches || found.isEmpty()) {
            throw ProblemException.notFound("Tracking number " + trackingNumber);
        }
        ComplaintEntity c = found.get();
        return new Views.TrackingView(UUID.fromString(c.id), c.trackingNumber, c.kind, c.category, c.status,
                c.submittedAt, c.acceptanceDueAt, c.replyDueAt, c.rejectReason, c.replyContent, c.repliedAt,
                c.followUpDueAt, c.rating, c.status == Status.REPLIED && c.rating == null,
                c.status == Status.REPLIED && c.rating == Rating.DISSATISFIED && c.reopenCount == 0);
    }

    @Transactional
    public Views.ComplaintSummary summary(String id) {
        ComplaintEntity c = complaints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Complaint " + id));
        return readsInFull() ? toSummary(c) : withTitle(toSummary(c), redactedTitle(c, contacts.nameForRedaction(c)));
    }

    public Views.TrackingView trackById(String id, String accessCode) {
        ComplaintEntity c = complaints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Complaint " + id));
        return track(c.trackingNumber, accessCode);
    }

    private ComplaintEntity visible(String id) {
        ComplaintEntity c = complaints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Complaint " + id));
        if (!access.maySee(c)) {
            throw ProblemException.forbidden("This complaint is not with your department");
        }
        return c;
    }

    private static void add(StringBuilder where, Map<String, Object> params, String field, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    static Views.ComplaintSummary toSummary(ComplaintEntity c) {
        var open = OpenDeadlines.of(c);
        return new Views.ComplaintSummary(UUID.fromString(c.id), c.trackingNumber, c.kind, c.channel, c.category,
                c.status, c.title, c.department, c.submittedAt, open.isEmpty() ? null : open.get(0).dueAt(), c.overdue);
    }

    private static Views.ComplaintSummary withTitle(Views.ComplaintSummary s, String title) {
        return new Views.ComplaintSummary(s.id(), s.trackingNumber(), s.kind(), s.channel(), s.category(), s.status(), title,
                s.department(), s.submittedAt(), s.dueAt(), s.overdue());
    }

    private static Views.ComplaintView toView(ComplaintEntity c, Views.ContactView contact, String title, String content,
            UnaryOperator<String> text) {
        return new Views.ComplaintView(UUID.fromString(c.id), c.trackingNumber, c.kind, c.channel, c.category, c.status,
                title, content, c.anonymous, c.confidential, contact, c.recordedBy, c.department,
                c.responsibleDepartment, c.submittedAt, c.acceptanceDueAt, c.acceptedAt, c.replyDueAt, c.repliedAt,
                c.followUpDueAt, c.closedAt, text.apply(c.rejectReason), text.apply(c.draftReply), c.draftStatus,
                text.apply(c.replyContent), c.replyPublished, c.extensionStatus, c.extensionDays, c.overdue,
                c.supervisionCount, c.reopenCount, c.rating, text.apply(c.ratingComment), OpenDeadlines.of(c), c.version);
    }
}
