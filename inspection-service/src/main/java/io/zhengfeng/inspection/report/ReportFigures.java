package io.zhengfeng.inspection.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.inspection.persistence.ActivityEntity;
import io.zhengfeng.inspection.persistence.CampaignEntity;
import io.zhengfeng.inspection.persistence.ComplaintFiguresEntity;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.inspection.persistence.OrderEntity;
import io.zhengfeng.inspection.persistence.SupervisorEntity;
import io.zhengfeng.inspection.persistence.SurveyFiguresEntity;
import io.zhengfeng.inspection.persistence.TemplateEntity;
import io.zhengfeng.inspection.persistence.WorkUpdateEntity;
import io.zhengfeng.inspection.service.Codes;
import io.zhengfeng.inspection.service.Templates;

/**
 * The campaign's figures, from this service's own tables and its read models of survey-service's
 * and complaint-service's events (never their databases). The campaign's year bounds what counts:
 * surveys closed in it, messages received in it (Asia/Shanghai), supervisors whose term covers it.
 */
@ApplicationScoped
public class ReportFigures {
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    public record ItemCount(int position, String label, String check, long findings) {
    }

    public record Figures(int year, long surveys, long lettersSent, long lettersReturned, BigDecimal surveySatisfaction,
            long messagesReceived, long messagesAnswered, long answeredOnTime, long messagesRated, long messagesSatisfied,
            long supervisors, long supervisorActivities, Map<String, Long> inspectionsByType, long inspections,
            List<ItemCount> findingsByItem, long findings, long findingsOther, long orders, long ordersDone,
            long ordersDoneOnTime, long ordersOverdue, long workUpdates, List<FindingEntity> findingList) {

        public static String percent(long part, long whole) {
            if (whole == 0) {
                return "—";
            }
            return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
        }
    }

    public Figures of(CampaignEntity c) {
        int year = c.year;
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(BUREAU).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(BUREAU).toInstant();

        List<SurveyFiguresEntity> surveys = SurveyFiguresEntity.list("year", year);
        long sent = surveys.stream().mapToLong(s -> s.lettersSent == null ? 0 : s.lettersSent).sum();
        long returned = surveys.stream().mapToLong(s -> s.lettersReturned == null ? 0 : s.lettersReturned).sum();
        BigDecimal satisfaction = weightedRate(surveys);

        long received = ComplaintFiguresEntity.count("receivedAt >= ?1 and receivedAt < ?2", from, to);
        long answered = ComplaintFiguresEntity.count("receivedAt >= ?1 and receivedAt < ?2 and repliedAt is not null", from, to);
        long onTime = ComplaintFiguresEntity.count("receivedAt >= ?1 and receivedAt < ?2 and repliedOnTime = true", from, to);
        long rated = ComplaintFiguresEntity.count("receivedAt >= ?1 and receivedAt < ?2 and rated = true", from, to);
        long satisfied = ComplaintFiguresEntity.count("receivedAt >= ?1 and receivedAt < ?2 and satisfied = true", from, to);

        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        List<SupervisorEntity> supervisors = SupervisorEntity.list("termStart <= ?1 and termEnd >= ?2", last, first);
        long activities = ActivityEntity.count("occurredOn >= ?1 and occurredOn <= ?2", first, last);

        List<InspectionEntity> inspections = InspectionEntity.list("campaignId", c.id);
        Map<String, Long> byType = new LinkedHashMap<>();
        Codes.TYPES.forEach(t -> byType.put(t, inspections.stream().filter(i -> i.type.equals(t)).count()));

        List<FindingEntity> findings = FindingEntity.list(
                "select f from FindingEntity f where f.inspectionId in (select i.id from InspectionEntity i where i.campaignId = ?1)"
                        + " or (f.activityId is not null and f.recordedAt >= ?2 and f.recordedAt < ?3) order by f.recordedAt, f.id",
                c.id, from, to);
        TemplateEntity six = Templates.latest(Templates.SIX_CHECKS);
        List<ItemCount> byItem = six.items.stream()
                .map(it -> new ItemCount(it.position, it.label, it.checkText,
                        findings.stream().filter(f -> f.item != null && f.item.position == it.position
                                && f.item.template.code.equals(Templates.SIX_CHECKS)).count()))
                .toList();
        long tied = byItem.stream().mapToLong(ItemCount::findings).sum();

        List<String> findingIds = findings.stream().map(f -> f.id).toList();
        List<OrderEntity> orders = findingIds.isEmpty() ? List.of() : OrderEntity.list("findingId in ?1", findingIds);
        long done = orders.stream().filter(o -> "closed".equals(o.status)).count();
        long doneOnTime = orders.stream().filter(o -> "closed".equals(o.status) && o.verifiedAt != null
                && !o.verifiedAt.isAfter(o.dueAt) && !o.overdue).count();
        long overdue = orders.stream().filter(o -> o.overdue).count();
        long updates = WorkUpdateEntity.count("campaignId = ?1 or (campaignId is null and publishedAt >= ?2 and publishedAt < ?3)",
                c.id, from, to);

        return new Figures(year, surveys.size(), sent, returned, satisfaction, received, answered, onTime, rated, satisfied,
                supervisors.size(), activities, byType, inspections.size(), byItem, findings.size(), findings.size() - tied,
                orders.size(), done, doneOnTime, overdue, updates, findings);
    }

    /** Averaged by letters returned (or responses) when known, else a plain mean; null without data. */
    private static BigDecimal weightedRate(List<SurveyFiguresEntity> surveys) {
        BigDecimal sum = BigDecimal.ZERO;
        long weights = 0;
        for (SurveyFiguresEntity s : surveys) {
            if (s.satisfactionRate == null) {
                continue;
            }
            long w = s.lettersReturned != null && s.lettersReturned > 0 ? s.lettersReturned
                    : s.responses != null && s.responses > 0 ? s.responses : 1;
            sum = sum.add(s.satisfactionRate.multiply(BigDecimal.valueOf(w)));
            weights += w;
        }
        return weights == 0 ? null : sum.divide(BigDecimal.valueOf(weights), 4, RoundingMode.HALF_UP);
    }
}
