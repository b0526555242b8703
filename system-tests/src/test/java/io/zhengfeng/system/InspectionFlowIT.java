package io.zhengfeng.system;

import static io.zhengfeng.system.SuiteClient.as;
import static io.zhengfeng.system.SuiteClient.gateway;
import static io.zhengfeng.system.SuiteClient.login;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.Await;

/**
 * Issue 10's acceptance through the gateway: the seed's campaign with the six checks as the seed
 * words them; a peer inspection of planning by land with three findings and three rectification
 * orders — one verified effective and closed, one not effective and reopened, one that passes its
 * due date, so the head of planning gets the overdue alert and, a working day later, the supervisors
 * the escalation (notification-service replicas started with {@code ZF_CLOCK_OFFSET}, as in
 * TimeKeeperIT); and an undercover inspection of land that land's staff cannot see until it is published.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectionFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    private static Suite suite;
    private static String inspector;

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteClient.suite();
        inspector = login("inspector");
    }

    @Test
    @Order(1)
    void theSixChecksTemplateMatchesTheSeed() throws Exception {
        List<Map<String, Object>> items = as(inspector).get("/api/inspections/templates?code=six-checks").then().statusCode(200)
                .extract().jsonPath().getList("[0].items");
        List<String[]> seed = seedItems();
        assertEquals(6, seed.size());
        assertEquals(6, items.size());
        for (int n = 0; n < 6; n++) {
            assertEquals(seed.get(n)[0], items.get(n).get("check"));
            assertEquals(seed.get(n)[1], items.get(n).get("look"));
            assertEquals(seed.get(n)[2], items.get(n).get("pledge"));
        }
    }

    @Test
    @Order(2)
    void peerInspectionsThreeOrdersCloseReopenAndGoOverdueWithAlertAndEscalation() throws Exception {
        String headPlanning = login("head-planning");
        String supervisor = login("supervisor");
        String campaign = as(inspector).body(Map.of("year", LocalDate.now(BUREAU).getYear(), "title", "民主评议政风行风"))
                .post("/api/inspections/campaigns").then().statusCode(201).extract().path("id");
        String peer = as(inspector).body(Map.of("campaignId", campaign, "type", "peer", "targetDepartment", "planning",
                "inspectingDepartment", "land", "place", "规划审批窗口")).post("/api/inspections").then().statusCode(201).extract().path("id");
        as(inspector).body(Map.of("type", "peer", "targetDepartment", "planning", "inspectingDepartment", "planning"))
                .post("/api/inspections").then().statusCode(400).body("errors[0].field", equalTo("inspectingDepartment"));
        as(inspector).post("/api/inspections/" + peer + "/start").then().statusCode(200);
        List<String> items = as(inspector).get("/api/inspections/templates?code=six-checks").then().extract().jsonPath().getList("[0].items.id");
        LocalDate today = LocalDate.now(BUREAU);
        List<String> orders = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            String finding = as(inspector).body(Map.of("itemId", items.get(3 + n % 3), "severity", "major",
                    "description", "互查发现问题" + (n + 1))).post("/api/inspections/" + peer + "/findings").then().statusCode(201).extract().path("id");
            orders.add(as(inspector).body(Map.of("measure", "整改措施" + (n + 1), "owner", "head-planning",
                    "dueDate", today.plusDays(n == 2 ? 1 : 10).toString()))
                    .post("/api/inspections/findings/" + finding + "/orders").then().statusCode(201).extract().path("id"));
        }
        String effective = orders.get(0);
        String reopened = orders.get(1);
        String late = orders.get(2);
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE subject_type = 'rectification' AND subject_id IN (?, ?, ?)",
                orders.toArray()) == 3, WAIT);

        as(headPlanning).body(Map.of("text", "已整改")).post("/api/inspections/orders/" + effective + "/report-done").then().statusCode(200);
        as(inspector).body(Map.of("effective", true)).post("/api/inspections/orders/" + effective + "/verify").then().statusCode(200)
                .body("status", equalTo("closed"));
        as(headPlanning).body(Map.of("text", "已整改")).post("/api/inspections/orders/" + reopened + "/report-done").then().statusCode(200);
        as(inspector).body(Map.of("effective", false, "newDueDate", today.plusDays(20).toString()))
                .post("/api/inspections/orders/" + reopened + "/verify").then().statusCode(200)
                .body("status", equalTo("open")).body("round", equalTo(2));
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE subject_id = ? AND state = 'CANCELLED'", effective) == 1
                && count("SELECT COUNT(*) FROM timer WHERE subject_id = ? AND generation = 2", reopened) == 1, WAIT);

        // the late order's due date passes: a notification-service whose clock is just past it
        Instant due = Instant.parse(as(inspector).get("/api/inspections/orders/" + late).then().extract().path("dueAt"));
        ServiceProcess overdue = suite.startNotificationReplica(Map.of("ZF_CLOCK_OFFSET", offsetTo(due.plusSeconds(10)),
                "ZF_INSTANCE_ID", "at-due"));
        try {
            overdue.awaitReady(Suite.START);
            Await.until(() -> inbox(headPlanning, "deadline.overdue").contains(late), WAIT);
            Await.until(() -> Boolean.TRUE.equals(as(inspector).get("/api/inspections/orders/" + late).then().extract().path("overdue")), WAIT);
            assertTrue(!inbox(supervisor, "deadline.escalation").contains(late), "no escalation before a working day has passed");
        } finally {
            overdue.close();
        }
        // a working day later (a few calendar days cover any weekend): the supervisors get the escalation
        ServiceProcess escalation = suite.startNotificationReplica(Map.of("ZF_CLOCK_OFFSET", offsetTo(due.plus(Duration.ofDays(4))),
                "ZF_INSTANCE_ID", "day-after"));
        try {
            escalation.awaitReady(Suite.START);
            Await.until(() -> inbox(supervisor, "deadline.escalation").contains(late), WAIT);
        } finally {
            escalation.close();
        }
        assertTrue(!inbox(headPlanning, "deadline.overdue").contains(effective), "the closed order never alerted");
        as(headPlanning).get("/api/inspections/orders?overdue=true&size=100").then().statusCode(200).body("items.id", hasItem(late));
    }

    @Test
    @Order(3)
    void anUndercoverInspectionOfLandIsInvisibleToLandUntilPublished() {
        String handlerLand = login("handler-land");
        String headLand = login("head-land");
        long before = countFor(handlerLand);
        String id = as(inspector).body(Map.of("type", "undercover", "targetDepartment", "land", "targetKind", "window",
                "targetName", "土地登记窗口")).post("/api/inspections").then().statusCode(201).extract().path("id");
        as(inspector).post("/api/inspections/" + id + "/start").then().statusCode(200);
        String finding = as(inspector).body(Map.of("severity", "minor", "description", "暗访：窗口人员离岗"))
                .post("/api/inspections/" + id + "/findings").then().statusCode(201).extract().path("id");
        String order = as(inspector).body(Map.of("measure", "严格考勤", "owner", "head-land",
                "dueDate", LocalDate.now(BUREAU).plusDays(10).toString()))
                .post("/api/inspections/findings/" + finding + "/orders").then().statusCode(201).extract().path("id");
        for (String token : List.of(handlerLand, headLand)) {
            as(token).get("/api/inspections/" + id).then().statusCode(404).contentType("application/problem+json");
            as(token).get("/api/inspections/" + id + "/findings").then().statusCode(404);
            as(token).get("/api/inspections/findings/" + finding).then().statusCode(404);
            as(token).get("/api/inspections/findings/" + finding + "/orders").then().statusCode(404);
            as(token).get("/api/inspections/orders/" + order).then().statusCode(404);
            as(token).get("/api/inspections?size=100").then().statusCode(200).body("items.id", not(hasItem(id)));
            as(token).get("/api/inspections/orders?size=100").then().statusCode(200).body("items.id", not(hasItem(order)));
            assertEquals(before, countFor(token));
        }
        gateway().get("/api/inspections/public/inspections?type=undercover").then().statusCode(200).body("items.id", not(hasItem(id)));

        as(inspector).post("/api/inspections/" + id + "/complete").then().statusCode(200);
        as(inspector).body(Map.of("summary", "暗访发现土地登记窗口人员离岗，已责令整改")).post("/api/inspections/" + id + "/publish")
                .then().statusCode(200);
        for (String token : List.of(handlerLand, headLand)) {
            as(token).get("/api/inspections/" + id).then().statusCode(200);
            as(token).get("/api/inspections/findings/" + finding).then().statusCode(200);
            as(token).get("/api/inspections/orders/" + order).then().statusCode(200);
            assertEquals(before + 1, countFor(token));
        }
        gateway().get("/api/inspections/public/inspections?type=undercover").then().statusCode(200).body("items.id", hasItem(id));
    }

    private static long countFor(String token) {
        return as(token).get("/api/inspections/count").then().statusCode(200).extract().jsonPath().getLong("count");
    }

    private static String inbox(String token, String type) {
        return as(token).get("/api/notifications/inbox?type=" + type + "&size=100").then().statusCode(200).extract().asString();
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }

    private static String offsetTo(Instant at) {
        return Duration.between(Instant.now(), at).toString();
    }

    /** 查, 看, 不让 of each item, from the seed beside the repository or the copy committed with inspection-service. */
    private static List<String[]> seedItems() throws Exception {
        Path root = Path.of(System.getProperty("zf.root", "."));
        Path seed = root.resolve("../shared/seed/000_d255ec3aff1ba914.txt");
        if (!Files.isReadable(seed)) {
            seed = root.resolve("inspection-service/src/test/resources/seed/six-checks-passage.txt");
        }
        String text = Files.readString(seed, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("[一二三四五六]查(.+?),看(.+?),不让(.+?)[;。]").matcher(text.substring(text.indexOf("一查党风")));
        List<String[]> items = new ArrayList<>();
        while (m.find() && items.size() < 6) {
            items.add(new String[] { m.group(1), m.group(2), m.group(3) });
        }
        return items;
    }
}
