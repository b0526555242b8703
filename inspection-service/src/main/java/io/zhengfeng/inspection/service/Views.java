package io.zhengfeng.inspection.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the API shows; entities never leave the service layer. */
public final class Views {
    public record Item(String id, int position, String label, String check, String look, String pledge) {
    }

    public record Template(String id, String code, int version, String title, String source, String createdBy,
            Instant createdAt, List<Item> items) {
    }

    public record Phase(String code, String name, int position, LocalDate startsOn, LocalDate endsOn) {
    }

    public record Member(String username, String duty) {
    }

    public record Campaign(String id, int year, String title, String planText, String currentPhase, List<Phase> phases,
            List<Member> leadingGroup, List<Member> taskForce, String reportProblems, String reportCauses,
            String reportNextSteps, Instant createdAt) {
    }

    public record Answer(String itemId, int position, String result, String note, String answeredBy, Instant answeredAt) {
    }

    public record Inspection(String id, String campaignId, String type, String scope, String targetKind,
            String targetDepartment, String targetName, String inspectingDepartment, String status,
            String templateId, int templateVersion, List<String> inspectors, LocalDate plannedOn, String place,
            String notes, List<Answer> answers, Instant publishedAt, String publishedSummary, String createdBy,
            Instant createdAt, Instant startedAt, Instant completedAt) {
    }

    public record EvidenceInfo(String id, String filename, String contentType, long sizeBytes, String sha256,
            String uploadedBy, Instant uploadedAt) {
    }

    public record Finding(String id, String inspectionId, String activityId, String itemId, Integer checkItem,
            String severity, String description, String responsibleDepartment, String responsiblePerson, String status,
            boolean selfFound, String publicSummary, String recordedBy, Instant recordedAt, Instant closedAt,
            List<EvidenceInfo> evidence) {
    }

    public record Entry(String kind, String text, String author, Instant at) {
    }

    public record Order(String id, String findingId, String reference, String measure, String owner, String department,
            String status, Instant startAt, Instant dueAt, boolean overdue, Instant overdueAt, int round,
            Instant reportedAt, String reportText, Instant verifiedAt, String verifiedBy, Boolean effective,
            Instant createdAt, List<Entry> history, List<EvidenceInfo> evidence) {
    }

    public record Supervisor(String id, String name, String organisation, LocalDate termStart, LocalDate termEnd,
            String contact, String username, boolean masked) {
    }

    public record Activity(String id, String supervisorId, String kind, LocalDate occurredOn, String department,
            String place, String content, String recordedBy, Instant recordedAt) {
    }

    public record WorkUpdate(String id, String campaignId, String title, String body, String publishedBy, Instant publishedAt) {
    }

    public record PublicProblem(String findingId, Integer checkItem, String checkLabel, String department,
            String problem, String status, List<PublicMeasure> measures) {
    }

    public record PublicMeasure(String reference, String measure, String status, LocalDate dueOn) {
    }

    public record PublicInspection(String id, String type, String targetDepartment, String targetKind, LocalDate date,
            String summary, long findings, Instant publishedAt) {
    }

    public record SurveyFigures(String surveyId, int year, Integer lettersSent, Integer lettersReturned,
            BigDecimal satisfactionRate) {
    }

    private Views() {
    }
}
