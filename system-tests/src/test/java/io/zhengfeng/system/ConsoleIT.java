package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.TestDatabase;
import io.zhengfeng.testing.TestKafka;

/**
 * The staff console in a real browser (Debian's headless Chromium through its chromedriver): a
 * supervisor signs in on the page and an escalation (督办) appears on it within 2 s of its firing —
 * the stream ticket, the gateway's proxying of the live stream and the page's EventSource included.
 *
 * <p>A lean suite: complaint-service, survey-service, the gateway, and notification-service started
 * last with its clock past the complaint's acceptance deadline ({@code ZF_CLOCK_OFFSET}), so the
 * overdue alert fires at once and the escalation waits for its rung. Once the page is listening,
 * the rung is brought forward in the timer table — what a working day passing would do — and the
 * real worker fires it. The firing instant is the row's {@code created_at} on the service's clock
 * minus the offset; the page stamps each item with the browser's time of arrival (same machine clock).
 */
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ROOT = Path.of(System.getProperty("zf.root", "..")).toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(300); // a loaded 2-core CI machine starts four JVMs at once
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long WITHIN_MS = 2_000;

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static TestDatabase.Coordinates notificationDb;
    private static ServiceProcess gateway;
    private static ServiceProcess notifications;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        // never skipped: a machine without the browser fails here and says how to install it
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("ConsoleIT needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing)");
        }
        TestDatabase.Coordinates complaintDb = TestDatabase.fresh("zf_it_console_complaint");
        TestDatabase.Coordinates surveyDb = TestDatabase.fresh("zf_it_console_survey");
        TestDatabase.Coordinates gatewayDb = TestDatabase.fresh("zf_it_console_gateway");
        notificationDb = TestDatabase.fresh("zf_it_console_notification");
        ServiceProcess complaints = process("complaint-service", env(complaintDb));
        ServiceProcess surveys = process("survey-service", env(surveyDb));
        notifications = new ServiceProcess("notification-service", env(notificationDb)); // started by the test, with its clock
        Map<String, String> gatewayEnv = env(gatewayDb);
        gatewayEnv.put("ZF_COMPLAINT_URL", complaints.url());
        gatewayEnv.put("ZF_SURVEY_URL", surveys.url());
        gatewayEnv.put("ZF_NOTIFICATION_URL", notifications.url());
        gatewayEnv.put("ZF_INSPECTION_URL", "http://127.0.0.1:9"); // not needed by the console
        gateway = process("gateway", gatewayEnv);
        for (ServiceProcess p : processes) {
            p.start();
        }
        for (ServiceProcess p : processes) {
            p.awaitReady(START);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (ServiceProcess p : processes) {
            p.close();
        }
        notifications.close();
    }

    @Test
    void aSupervisorsPageShowsAnEscalationWithinTwoSecondsOfItsFiring() throws Exception {
        String spokesperson = login("spokesperson");
        // a little history for the tables and charts: dispatched complaints, two answered and rated,
        // and one left waiting for acceptance
        for (String[] c : List.of(new String[] { "planning", "satisfied" }, new String[] { "land", "basically_satisfied" },
                new String[] { "planning", "dissatisfied" }, new String[] { "land", null })) {
            JsonPath submitted = submit();
            String id = submitted.getString("id");
            as(spokesperson).post("/api/complaints/" + id + "/accept").then().statusCode(200);
            as(spokesperson).body("{\"department\":\"" + c[0] + "\"}").post("/api/complaints/" + id + "/assign")
                    .then().statusCode(200);
            if (c[1] != null) {
                as(login("handler-" + c[0])).body("{\"content\":\"已派员核查并处理。\"}").post("/api/complaints/" + id + "/reply")
                        .then().statusCode(200);
                as(login("head-" + c[0])).post("/api/complaints/" + id + "/approve-reply").then().statusCode(200);
                given().baseUri(gateway.url()).contentType("application/json").header("X-Access-Code", submitted.getString("accessCode"))
                        .body("{\"rating\":\"" + c[1] + "\"}").post("/api/complaints/" + id + "/rate").then().statusCode(200);
            }
        }
        JsonPath waiting = submit();
        String id = waiting.getString("id");
        Instant acceptanceDue = Instant.parse(waiting.getString("acceptanceDueAt"));

        // notification-service wakes up 5 s past the acceptance deadline; the escalation is an hour on
        Duration offset = Duration.between(Instant.now(), acceptanceDue.plusSeconds(5));
        notifications.env("ZF_CLOCK_OFFSET", offset.toString()).env("ZHENGFENG_NOTIFICATION_LADDER_ESCALATION_DELAY", "PT1H").start();
        notifications.awaitReady(START);
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE subject_id = ? AND next_rung = 'ESCALATION'", id) == 1, WAIT);

        browser = chromium();
        browser.get(gateway.url() + "/console/");
        browser.findElement(By.id("signin-username")).sendKeys("supervisor");
        browser.findElement(By.id("signin-password")).sendKeys("demo");
        browser.findElement(By.id("signin-submit")).click();
        new WebDriverWait(browser, WAIT).until(d -> "live".equals(d.findElement(By.id("stream-status")).getAttribute("data-state")));
        assertTrue(browser.findElements(By.cssSelector("#escalations li[data-subject-id='" + id + "']")).isEmpty(),
                "not escalated yet");

        // the working day passes: the escalation rung is due now, and the real worker fires it
        update("UPDATE timer SET next_fire_at = due_at WHERE subject_id = ? AND next_rung = 'ESCALATION'", id);
        WebElement shown = new WebDriverWait(browser, WAIT, Duration.ofMillis(20)).until(d -> d.findElements(
                By.cssSelector("#escalations li[data-subject-id='" + id + "']")).stream().findFirst().orElse(null));
        long receivedAtMs = Long.parseLong(shown.getAttribute("data-received-at"));

        Instant createdOnServiceClock = Instant.parse(Suite.query(notificationDb, "SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.%fZ')"
                + " FROM notification WHERE subject_id = ? AND type = 'deadline.escalation' AND channel = 'INBOX'"
                + " AND recipient = 'role:supervisor'", id).get(0)[0].toString());
        Instant fired = createdOnServiceClock.minus(offset);
        long latencyMs = receivedAtMs - fired.toEpochMilli();
        System.out.printf("[console] escalation shown on the supervisor's page %d ms after it fired%n", latencyMs);
        assertTrue(latencyMs <= WITHIN_MS, "shown " + latencyMs + " ms after the firing (at most " + WITHIN_MS + ")");
        assertTrue(shown.getText().contains(waiting.getString("trackingNumber")), "names the complaint: " + shown.getText());
        assertEquals("1", browser.findElement(By.id("escalation-count")).getText());

        // the figures came from the APIs: the overdue complaint is listed under its (unassigned) row
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("departments")).getText().contains("planning")
                || d.findElement(By.id("departments")).getText().contains("规划"));
        Files.write(ROOT.resolve("docs/console.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // as root on a closed network: no sandbox, no background connections, a fresh profile
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("zf-console-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1100));
        return driver;
    }

    private static ServiceProcess process(String name, Map<String, String> env) {
        ServiceProcess p = new ServiceProcess(name, env);
        processes.add(p);
        return p;
    }

    private static Map<String, String> env(TestDatabase.Coordinates db) {
        Map<String, String> env = new HashMap<>(Map.of("QUARKUS_PROFILE", "local",
                "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                "ZF_DB_USER", db.user(), "ZF_DB_PASSWORD", db.password(),
                "ZF_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers()));
        return env;
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(gateway.url()).contentType("application/json").header("Authorization", "Bearer " + token);
    }

    private static String login(String username) {
        return given().baseUri(gateway.url()).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"demo\"}").post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static JsonPath submit() {
        return given().baseUri(gateway.url()).contentType("application/json").body("""
                {"kind":"complaint","channel":"web","category":"urban_planning",
                 "content":"小区门口有人搭建违章建筑，占用消防通道。","contact":{"name":"张三","phone":"13812341234"}}
                """).post("/api/complaints").then().statusCode(201).extract().jsonPath();
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(notificationDb, sql, args).get(0)[0]).longValue();
    }

    private static void update(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(notificationDb.url(), notificationDb.user(), notificationDb.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }
}
