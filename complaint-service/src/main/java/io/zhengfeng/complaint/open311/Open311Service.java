package io.zhengfeng.complaint.open311;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.open311.Open311Views.Attribute;
import io.zhengfeng.complaint.open311.Open311Views.AttributeValue;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.ComplaintRepository;
import io.zhengfeng.complaint.pii.Redaction;
import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.ComplaintIntake;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.NewComplaint;
import io.zhengfeng.complaint.service.OpenDeadlines;
import io.zhengfeng.complaint.service.Status;
import io.zhengfeng.complaint.service.Submitted;
import io.zhengfeng.platform.pii.PersonalDataCipher;

/**
 * Maps Open311 onto our complaints. With an api key a front end sees the requests it submitted
 * (text without the citizen's personal data); without one, anyone sees the public view: only what
 * the spokesperson published on the public column, in its published (redacted) wording, with no
 * address or position, which the spokesperson never vetted. Neither view has a name or contact.
 */
@ApplicationScoped
public class Open311Service {
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final int MAX_RESULTS = 200;

    private final ComplaintIntake intake;
    private final ComplaintRepository complaints;
    private final PersonalDataCipher cipher;

    public Open311Service(ComplaintIntake intake, ComplaintRepository complaints, PersonalDataCipher cipher) {
        this.intake = intake;
        this.complaints = complaints;
        this.cipher = cipher;
    }

    @Transactional
    public List<Open311Views.Service> services() {
        return CategoryEntity.<CategoryEntity>list("active = true", Sort.by("code")).stream()
                .map(c -> new Open311Views.Service(c.code, c.nameZh, c.nameEn, true, "realtime", c.nameEn, c.department))
                .toList();
    }

    @Transactional
    public Optional<Open311Views.Definition> definition(String code) {
        CategoryEntity category = CategoryEntity.findById(code);
        if (category == null || !category.active) {
            return Optional.empty();
        }
        return Optional.of(new Open311Views.Definition(code, List.of(
                new Attribute(true, "kind", "singlevaluelist", false, "投诉/举报/咨询/建议; default complaint", 1,
                        "Kind of message", Arrays.stream(Kind.values()).map(k -> new AttributeValue(k.code(), k.code())).toList()),
                new Attribute(true, "channel", "singlevaluelist", false, "default web", 2, "Channel",
                        Arrays.stream(Channel.values()).filter(Channel::isSelfService)
                                .map(ch -> new AttributeValue(ch.code(), ch.code())).toList()))));
    }

    public Open311Views.Created submit(NewComplaint request) {
        Submitted s = intake.submit(request);
        String notice = "查询编号 " + s.trackingNumber() + "，查询码 " + s.accessCode() + "，请妥善保存。"
                + " Tracking number " + s.trackingNumber() + ", access code " + s.accessCode() + ".";
        return new Open311Views.Created(s.id().toString(), s.id().toString(), notice, null);
    }

    @Transactional
    public List<Open311Views.Request> find(Optional<String> client, String ids, String serviceCode, String start,
            String end, String status) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (client.isPresent()) {
            where.append("open311Client = :client");
            params.put("client", client.get());
        } else {
            where.append("replyPublished = true");
        }
        if (ids != null && !ids.isBlank()) {
            where.append(" and id in :ids");
            params.put("ids", Arrays.stream(ids.split(",")).map(String::trim).toList());
        }
        if (serviceCode != null && !serviceCode.isBlank()) {
            where.append(" and category = :category");
            params.put("category", serviceCode);
        }
        if (start != null && !start.isBlank()) {
            where.append(" and submittedAt >= :start");
            params.put("start", instant("start_date", start));
        }
        if (end != null && !end.isBlank()) {
            where.append(" and submittedAt <= :end");
            params.put("end", instant("end_date", end));
        }
        if ("open".equals(status)) {
            where.append(" and status not in :final");
            params.put("final", List.of(Status.CLOSED, Status.REJECTED));
        } else if ("closed".equals(status)) {
            where.append(" and status in :final");
            params.put("final", List.of(Status.CLOSED, Status.REJECTED));
        } else if (status != null && !status.isBlank()) {
            throw new IllegalArgumentException("status must be open or closed");
        }
        return complaints.find(where.toString(), Sort.descending("submittedAt").and("id"), params)
                .page(Page.ofSize(MAX_RESULTS)).stream().map(c -> toRequest(c, client.isPresent())).toList();
    }

    @Transactional
    public Optional<Open311Views.Request> one(Optional<String> client, String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<ComplaintEntity> found = complaints.findByIdOptional(id);
        if (client.isPresent()) {
            return found.filter(c -> client.get().equals(c.open311Client)).map(c -> toRequest(c, true));
        }
        // Whoever holds the id (the citizen who submitted it) may follow it: the id is 122 random bits.
        return found.map(c -> c.replyPublished ? toRequest(c, false) : statusOnly(c));
    }

    /** @return the request's id when the token is one of ours (tokens are the request ids) */
    @Transactional
    public Optional<String> byToken(String token) {
        try {
            UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return complaints.findByIdOptional(token).map(c -> c.id);
    }

    private Open311Views.Request toRequest(ComplaintEntity c, boolean ownFrontEnd) {
        if (!ownFrontEnd) {
            return new Open311Views.Request(c.id, status(c), c.publicReply, serviceName(c), c.category,
                    c.publicContent, c.department, format(c.submittedAt), format(c.updatedAt), null, null, null, null);
        }
        String name = c.anonymous ? null : cipher.decrypt(c.contactName);
        String notes = c.status == Status.REJECTED ? c.rejectReason : c.replyContent;
        String description = c.redactedContent != null ? c.redactedContent : Redaction.redact(c.content, name);
        return new Open311Views.Request(c.id, status(c), Redaction.redact(notes, name), serviceName(c), c.category,
                description, c.department, format(c.submittedAt), format(c.updatedAt), expected(c), c.addressString,
                c.latitude, c.longitude);
    }

    /** Not published: where it stands and by when, none of its text. */
    private static Open311Views.Request statusOnly(ComplaintEntity c) {
        return new Open311Views.Request(c.id, status(c), null, serviceName(c), c.category, null, c.department,
                format(c.submittedAt), format(c.updatedAt), expected(c), null, null, null);
    }

    private static String status(ComplaintEntity c) {
        return c.status == Status.CLOSED || c.status == Status.REJECTED ? "closed" : "open";
    }

    private static String serviceName(ComplaintEntity c) {
        return CategoryEntity.<CategoryEntity>findByIdOptional(c.category).map(cat -> cat.nameZh).orElse(c.category);
    }

    private static String expected(ComplaintEntity c) {
        var open = OpenDeadlines.of(c);
        return open.isEmpty() ? null : format(open.get(0).dueAt());
    }

    private static String format(Instant instant) {
        return instant == null ? null : ISO.format(instant.atZone(BUREAU).toOffsetDateTime());
    }

    private static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(BUREAU).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(field + " must be an ISO 8601 date-time with offset");
            }
        }
    }
}
