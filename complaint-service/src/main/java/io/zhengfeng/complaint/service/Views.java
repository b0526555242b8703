package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.zhengfeng.contracts.Deadline;

/** What the API shows; entities never leave the service layer. */
public final class Views {

    /** {@code visibility}: full, masked, withheld (confidential report seen by its department), none (anonymous). */
    public record ContactView(String visibility, String name, String phone, String idNumber, String address, String email) {
    }

    public record ComplaintView(UUID id, String trackingNumber, Kind kind, Channel channel, String category,
            Status status, String title, String content, boolean anonymous, boolean confidential, ContactView contact,
            String recordedBy, String department, String responsibleDepartment, Instant submittedAt,
            Instant acceptanceDueAt, Instant acceptedAt, Instant replyDueAt, Instant repliedAt, Instant followUpDueAt,
            Instant closedAt, String rejectReason, String draftReply, String draftStatus, String reply,
            boolean replyPublished, String extensionStatus, Integer extensionDays, boolean overdue,
            int supervisionCount, int reopenCount, Rating rating, String ratingComment, List<Deadline> openDeadlines,
            long version) {
    }

    public record ComplaintSummary(UUID id, String trackingNumber, Kind kind, Channel channel, String category,
            Status status, String title, String department, Instant submittedAt, Instant dueAt, boolean overdue) {
    }

    /** What a citizen sees with tracking number and access code: no staff notes, no one's personal data. */
    public record TrackingView(UUID id, String trackingNumber, Kind kind, String category, Status status,
            Instant submittedAt, Instant acceptanceDueAt, Instant replyDueAt, String rejectReason, String reply,
            Instant repliedAt, Instant followUpDueAt, Rating rating, boolean canRate, boolean canReopen) {
    }

    public record HistoryItem(Instant at, String actor, String actorRole, String action, String fromStatus,
            String toStatus, String department, String detail) {
    }

    public record PageOf<T>(List<T> items, int page, int size, long total) {
    }

    public record DepartmentStats(String department, long received, long acceptanceDecided, long acceptedOnTime,
            Double acceptedOnTimeRate, long replyDecided, long repliedOnTime, Double repliedOnTimeRate, long overdueNow,
            long closed, long rated, long satisfiedOrBasically, Double satisfactionRate) {
    }

    public record Stats(Instant from, Instant to, DepartmentStats total, List<DepartmentStats> departments) {
    }

    public record PublicReply(UUID id, Kind kind, String category, String title, String content, String reply,
            Instant submittedAt, Instant repliedAt) {
    }

    public record AuditView(Instant at, String actor, String actorRoles, String action, UUID subjectId, String outcome,
            String detail, String requestId) {
    }

    private Views() {
    }
}
