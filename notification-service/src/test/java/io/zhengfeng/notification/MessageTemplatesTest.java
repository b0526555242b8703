package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.notification.service.NotificationType;
import io.zhengfeng.notification.template.MessageTemplates;
import io.zhengfeng.notification.template.MessageTemplates.Rendered;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Every notification type reads naturally in Chinese and English, with times in Beijing time. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class MessageTemplatesTest {

    @Inject
    MessageTemplates templates;

    @Test
    void overdueDeadlineNamesTheStepAndShowsTimesInBeijingTime() {
        Rendered zh = templates.render("deadline.overdue", "zh-CN", deadline("reply", "planning"));
        assertEquals("zh-CN", zh.locale());
        assertEquals("【逾期提醒】ZF-2025-0001 答复已超过办理期限", zh.subject());
        assertTrue(zh.body().contains("办理期限：2025-03-03 18:00（北京时间）"), zh.body());
        assertTrue(zh.body().contains("逾期时间：2025-03-03 18:00（北京时间）"), zh.body());
        assertTrue(zh.body().contains("承办科室：planning"), zh.body());

        Rendered en = templates.render("deadline.overdue", "en", deadline("reply", "planning"));
        assertEquals("Overdue: reply of ZF-2025-0001 missed its time limit", en.subject());
        assertTrue(en.body().contains("Due: 2025-03-03 18:00 (Beijing time)"), en.body());
    }

    @Test
    void everyDeadlineKindHasItsChineseNameAndMissingValuesReadAsSuch() {
        Map<String, Object> params = deadline("follow_up", null);
        params.put("trackingNumber", null);
        params.remove("breachedAt");
        Rendered reminder = templates.render("deadline.reminder", "zh-CN", params);
        assertEquals("【到期提醒】回访期限将于 2025-03-03 18:00 届满", reminder.subject());
        assertTrue(reminder.body().contains("编号：（无）"), reminder.body());
        assertTrue(reminder.body().contains("承办科室：（尚未分派）"), reminder.body());

        assertEquals("【督办】ZF-2025-0001 整改逾期未办结，请予督办",
                templates.render("deadline.escalation", "zh-CN", deadline("rectification", "land")).subject());
        assertTrue(templates.render("deadline.reminder", "zh-CN", deadline("acceptance", null)).subject().contains("受理期限"));
    }

    @Test
    void dailyDigestListsEachSectionWithItsCount() {
        Map<String, Object> item = new HashMap<>(Map.of("trackingNumber", "ZF-2025-0007", "deadlineKind", "reply",
                "dueAt", "2025-03-04T10:00:00Z"));
        item.put("department", null);
        Map<String, Object> params = Map.of("sections",
                List.of(Map.of("key", "overdue", "count", 3, "items", List.of(item))));
        Rendered zh = templates.render("digest.daily", "zh-CN", params);
        assertTrue(zh.body().contains("已逾期事项：共 3 件"), zh.body());
        assertTrue(zh.body().contains("1. ZF-2025-0007  答复  期限 2025-03-04 18:00  （尚未分派）"), zh.body());
        assertTrue(zh.body().contains("（仅列出前 1 件"), zh.body());
        Rendered en = templates.render("digest.daily", "en", params);
        assertTrue(en.body().contains("Overdue: 3"), en.body());
    }

    @Test
    void unsupportedLanguagesFallBackToTheBureausDefault() {
        Map<String, Object> params = Map.of("trackingNumber", "ZF-2025-0002", "kind", "report", "channel", "mailbox",
                "category", "discipline");
        assertEquals("en", templates.render("complaint.new", "en-GB", params).locale());
        assertEquals("zh-CN", templates.render("complaint.new", "fr", params).locale());
        Rendered zh = templates.render("complaint.new", null, params);
        assertEquals("【新诉求】收到一件举报，编号 ZF-2025-0002", zh.subject());
        assertTrue(zh.body().contains("来源渠道：举报箱"), zh.body());
        for (String type : NotificationType.codes()) {
            for (String locale : MessageTemplates.LOCALES) {
                assertTrue(templates.render(type, locale, sampleFor(type)).subject().length() > 5, type + " " + locale);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> templates.render("complaint.gone", "zh-CN", params));
    }

    private static Map<String, Object> sampleFor(String type) {
        return switch (type) {
            case "complaint.new" -> Map.of("trackingNumber", "ZF-1", "kind", "complaint", "channel", "web", "category", "x");
            case "digest.daily" -> Map.of("sections", List.of());
            default -> deadline("reply", "planning");
        };
    }

    private static Map<String, Object> deadline(String kind, String department) {
        Map<String, Object> params = new HashMap<>();
        params.put("trackingNumber", "ZF-2025-0001");
        params.put("subjectType", "complaint");
        params.put("subjectId", "5f0c1e7a-0000-4000-8000-000000000001");
        params.put("deadlineKind", kind);
        params.put("department", department);
        params.put("dueAt", "2025-03-03T10:00:00Z");
        params.put("breachedAt", "2025-03-03T10:00:00Z");
        return params;
    }
}
