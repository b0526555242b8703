package io.zhengfeng.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhengfeng.system.OpenApiOperations.Operation;
import io.zhengfeng.system.SecurityPolicy.Access;
import io.zhengfeng.system.SecurityPolicy.Subject;

/**
 * Issue 11 part 8, the suite that keeps the platform closed, against the packaged processes: the
 * BOLA/BFLA matrix generated from the services' OpenAPI documents and {@link SecurityPolicy}, forged
 * tokens at the gateway and at each service, hostile input, and the run's personal data searched for
 * in every log line and every record on every topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySuiteIT {
    private static final Path ROOT = Path.of(System.getProperty("zf.root", "..")).toAbsolutePath().normalize();
    private static final Pattern STACK_TRACE = Pattern.compile("\\bat [a-z][\\w$]*\\.[\\w$.]+\\(|[\\w.]+(Exception|Error)(:|\\b.*\\n\\s+at )");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Suite suite;
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final Map<String, String> ids = new TreeMap<>();
    private static String ownCode;
    private static String otherCode;
    private static Map<String, Operation> operations;
    /** The run's personal data: random so a hit can only come from this run. */
    private static final String PHONE = "139" + digits(8);
    private static final String OPEN311_PHONE = "137" + digits(8);
    private static final String NAME = "欧阳" + "翀翊骞昶曦韬淼珺".charAt(ThreadLocalRandom.current().nextInt(8)) + "蘅";
    private static final String ID_NUMBER = idNumber();
    private static final String EMAIL = "pii-" + digits(6) + "@example.org";
    private static final String MARKER = "SEC-" + digits(6);

    @BeforeAll
    static void fixtures() throws Exception {
        suite = SuiteClient.suite();
        for (Subject s : SecurityPolicy.SUBJECTS) {
            if (!s.anonymous()) {
                tokens.put(s.name(), SuiteClient.login(s.username()));
            }
        }
        String spokesperson = tokens.get("spokesperson");
        String inspector = tokens.get("inspector");
        JsonNode own = json(SuiteClient.gateway().body("""
                {"kind":"complaint","channel":"web","category":"urban_planning","title":"%s 违建",
                 "content":"%s 小区门口有人搭建违章建筑，联系电话%s。","contact":{"name":"%s","phone":"%s","idNumber":"%s","email":"%s"}}
                """.formatted(MARKER, MARKER, PHONE, NAME, PHONE, ID_NUMBER, EMAIL)).post("/api/complaints").then().statusCode(201)
                .extract().asString());
        ids.put("complaint", own.get("id").asText());
        ids.put("tracking", own.get("trackingNumber").asText());
        ownCode = own.get("accessCode").asText();
        SuiteClient.act(spokesperson, ids.get("complaint"), "accept", null);
        SuiteClient.act(spokesperson, ids.get("complaint"), "assign", "{\"department\":\"planning\"}");
        JsonNode other = json(SuiteClient.submit("web").asString());
        otherCode = other.get("accessCode").asText();
        ids.put("otherTracking", other.get("trackingNumber").asText());

        ids.put("campaign", SuiteClient.as(inspector).body(Map.of("year", LocalDate.now().getYear(), "title", "安全测试评议"))
                .post("/api/inspections/campaigns").then().statusCode(201).extract().path("id"));
        ids.put("inspection", SuiteClient.as(inspector).body(Map.of("campaignId", ids.get("campaign"), "type", "open",
                "targetDepartment", "planning", "targetKind", "window", "targetName", "规划审批窗口"))
                .post("/api/inspections").then().statusCode(201).extract().path("id"));
        SuiteClient.as(inspector).post("/api/inspections/" + ids.get("inspection") + "/start").then().statusCode(200);
        ids.put("finding", SuiteClient.as(inspector).body(Map.of("severity", "minor", "description", "窗口人员离岗"))
                .post("/api/inspections/" + ids.get("inspection") + "/findings").then().statusCode(201).extract().path("id"));
        ids.put("order", SuiteClient.as(inspector).body(Map.of("measure", "严格考勤", "owner", "head-planning",
                "dueDate", LocalDate.now().plusDays(10).toString()))
                .post("/api/inspections/findings/" + ids.get("finding") + "/orders").then().statusCode(201).extract().path("id"));
        ids.put("survey", SuiteClient.as(inspector).body("""
                {"title":"安全测试问卷","audience":"public","questions":[{"type":"appraisal","text":"总体评价","required":true}]}""")
                .post("/api/surveys").then().statusCode(201).extract().path("id"));
        ids.put("account", SuiteClient.as(tokens.get("admin")).body(Map.of("username", "sec-" + digits(6), "displayName", "x",
                "password", "river otter lantern 7", "roles", List.of("supervisor")))
                .post("/api/auth/accounts").then().statusCode(201).extract().path("id"));
        operations = OpenApiOperations.fetch(Map.of("gateway", suite.gateway.url(), "complaint-service", suite.complaints.url(),
                "survey-service", suite.surveys.url(), "inspection-service", suite.inspections.url(),
                "notification-service", suite.notifications.url()));
    }

    @Test
    @Order(1)
    void everyOperationTimesEveryRoleAnswersAsThePolicyTableSaysAndNothingLeaks() throws Exception {
        List<String> unlisted = operations.keySet().stream().filter(k -> !SecurityPolicy.TABLE.containsKey(k)).toList();
        List<String> stale = SecurityPolicy.TABLE.keySet().stream().filter(k -> !operations.containsKey(k)).toList();
        assertEquals(List.of(), unlisted, "operations missing from SecurityPolicy: every endpoint needs its rule");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> leaks = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int denied = 0;
        for (Operation op : operations.values()) {
            Access access = SecurityPolicy.TABLE.get(op.key());
            for (Subject s : SecurityPolicy.SUBJECTS) {
                Reply r = call(suite.gateway.url(), op, s, body(op));
                byStatus.merge(r.status, 1, Integer::sum);
                String cell = op.key() + " as " + s.name() + " → " + r.status;
                if (r.status >= 500) {
                    failures.add(cell + " " + r.excerpt());
                } else if (access.allows(s)) {
                    if (r.status == 403 || r.status == 401 && !access.judgesBodyCredentials()) {
                        refused.add(cell);
                    }
                    if (outsider(s) && (r.body.contains(MARKER) || r.body.contains(PHONE) || r.body.contains(NAME))) {
                        leaks.add(cell + " shows the fixture complaint: " + r.excerpt()); // e.g. in a list
                    }
                } else {
                    denied++;
                    if (r.status < 300 || r.body.contains(MARKER) || r.body.contains(PHONE) || r.body.contains(NAME)) {
                        leaks.add(cell + " " + r.excerpt());
                    }
                }
            }
        }
        int cells = operations.size() * SecurityPolicy.SUBJECTS.size();
        System.out.printf("[security-suite] matrix %d operations x %d roles = %d calls, %d denied by policy; status counts %s%n",
                operations.size(), SecurityPolicy.SUBJECTS.size(), cells, denied, byStatus);
        System.out.printf("[security-suite] leaks %d, allowed-but-refused %d, 5xx %d, rules without an operation %s%n",
                leaks.size(), refused.size(), failures.size(), stale);
        assertEquals(List.of(), leaks, "a 2xx or the fixture's data where the policy denies");
        assertEquals(List.of(), failures, "5xx in the matrix");
        assertEquals(List.of(), refused, "401/403 where the policy allows: the table or the service is wrong");
    }

    /** Callers who must never see the fixture complaint, whatever the operation. */
    private static boolean outsider(Subject s) {
        return s.anonymous() && !s.ownCode() || SecurityPolicy.OTHER_DEPT.equals(s.dept());
    }

    @Test
    @Order(2)
    void forgedTokensAreRefusedAtTheGatewayAndAtEachServiceCalledDirectly() throws Exception {
        // forged from a supervisor's token: "tampered claims" makes it an admin's
        ForgedTokens forge = new ForgedTokens(tokens.get("supervisor"), ROOT.resolve("gateway/src/main/resources/dev-keys/private.pem"));
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put(suite.gateway.url() + "/api/auth/me", "gateway");
        targets.put(suite.gateway.url() + "/api/complaints", "gateway→complaint-service");
        targets.put(suite.complaints.url() + "/api/complaints", "complaint-service");
        targets.put(suite.surveys.url() + "/api/surveys", "survey-service");
        targets.put(suite.inspections.url() + "/api/inspections", "inspection-service");
        targets.put(suite.notifications.url() + "/api/notifications/inbox", "notification-service");
        String control = forge.resigned();
        for (String url : targets.keySet()) {
            assertEquals(200, get(url, control).status, "the genuine claims signed again are accepted at " + url);
        }
        Map<String, String> forged = forge.all();
        forged.put("disabled account", disabledAccountsToken());
        List<String> accepted = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, String> f : forged.entrySet()) {
            for (Map.Entry<String, String> t : targets.entrySet()) {
                Reply r = get(t.getKey(), f.getValue());
                calls++;
                if (r.status != 401) {
                    accepted.add(f.getKey() + " at " + t.getValue() + " → " + r.status + " " + r.excerpt());
                }
            }
        }
        System.out.printf("[security-suite] forged tokens: %d kinds x %d targets = %d calls, not 401: %d%n",
                forged.size(), targets.size(), calls, accepted.size());
        assertEquals(List.of(), accepted);
    }

    /** A token of an account disabled since: refused everywhere within seconds (issue 11 part 2). */
    private static String disabledAccountsToken() throws Exception {
        String admin = tokens.get("admin");
        String username = "sec-off-" + digits(6);
        String id = SuiteClient.as(admin).body(Map.of("username", username, "displayName", "x", "password", "river otter lantern 7",
                "roles", List.of("admin"))).post("/api/auth/accounts").then().statusCode(201).extract().path("id");
        String token = SuiteClient.login(username, "river otter lantern 7");
        SuiteClient.as(admin).body(Map.of("displayName", "x", "roles", List.of("admin"), "active", false))
                .put("/api/auth/accounts/" + id).then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> urls = List.of(suite.gateway.url() + "/api/auth/me", suite.complaints.url() + "/api/complaints",
                suite.surveys.url() + "/api/surveys", suite.inspections.url() + "/api/inspections",
                suite.notifications.url() + "/api/notifications/inbox");
        while (System.nanoTime() < deadline && !urls.stream().allMatch(u -> get(u, token).status == 401)) {
            Thread.sleep(100);
        }
        return token;
    }

    @Test
    @Order(3)
    void hostileBodiesFromTheSchemasGetNo5xxAndNoStackTraceAndBurstsGet429() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int calls = 0;
        for (Operation op : operations.values()) {
            if (op.bodyType().isEmpty()) {
                continue;
            }
            Subject caller = SecurityPolicy.SUBJECTS.stream().filter(SecurityPolicy.TABLE.getOrDefault(op.key(), SecurityPolicy.ADMIN)::allows).findFirst()
                    .orElse(SecurityPolicy.SUBJECTS.get(SecurityPolicy.SUBJECTS.size() - 1));
            for (Map.Entry<String, byte[]> hostile : HostileBodies.of(op).entrySet()) {
                Reply r = call(suite.gateway.url(), op, caller, new Body(op.bodyType().get(), hostile.getValue()));
                calls++;
                byStatus.merge(r.status, 1, Integer::sum);
                if (r.status >= 500 || STACK_TRACE.matcher(r.body).find()) {
                    failures.add(op.key() + " with " + hostile.getKey() + " → " + r.status + " " + r.excerpt());
                }
            }
        }
        Operation submit = operations.get("POST /api/complaints");
        // Expect: 100-continue lets the server refuse by the declared length before the body is sent
        int oversized = statusOnly(HttpRequest.newBuilder(URI.create(suite.gateway.url() + submit.path())).expectContinue(true)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(HostileBodies.oversized(11 * 1024 * 1024))).build());
        calls++;
        System.out.printf("[security-suite] hostile bodies: %d calls over %d operations with a body; status counts %s; 11 MiB body → %d%n",
                calls, operations.values().stream().filter(o -> o.bodyType().isPresent()).count(), byStatus, oversized);
        assertEquals(List.of(), failures, "5xx or a stack trace in the answer");
        assertEquals(413, oversized, "an oversized body is refused whole");

        String user = "nobody-" + digits(6);
        int firstLoginLimit = burst(20, () -> post(suite.gateway.url() + "/api/auth/token",
                "{\"username\":\"" + user + "\",\"password\":\"wrong-" + digits(4) + "\"}"));
        int firstTrackLimit = burst(40, () -> getWithCode(suite.gateway.url() + "/api/complaints/track/" + ids.get("otherTracking"), "000000"));
        System.out.printf("[security-suite] bursts: login refused with 429 from attempt %d, tracking-number guesses from attempt %d%n",
                firstLoginLimit, firstTrackLimit);
        assertTrue(firstLoginLimit > 0, "a burst of failed logins for one account meets a 429");
        assertTrue(firstTrackLimit > 0, "a burst of access-code guesses on one number meets a 429");
    }

    @Test
    @Order(4)
    void theRunsPersonalDataIsInNoLogLineAndNoRecordOnAnyTopic() throws Exception {
        // searches staff make with a citizen's data: the access log must not keep them
        for (String q : List.of(PHONE, NAME)) {
            SuiteClient.as(tokens.get("spokesperson")).queryParam("q", q).get("/api/complaints").then().statusCode(200);
        }
        open311Submission();
        List<String> values = List.of(PHONE, OPEN311_PHONE, NAME, ID_NUMBER, EMAIL);
        List<String> hits = new ArrayList<>();
        long lines = 0;
        for (ServiceProcess p : List.of(suite.gateway, suite.complaints, suite.surveys, suite.inspections, suite.notifications)) {
            for (String line : Files.readAllLines(p.log(), UTF_8)) {
                lines++;
                values.stream().filter(line::contains).forEach(v -> hits.add(p.name + " log: " + line));
            }
        }
        long records = 0;
        int topics;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", suite.kafka));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", suite.kafka),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<String> names = admin.listTopics().names().get();
            topics = names.size();
            List<TopicPartition> partitions = new ArrayList<>();
            names.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    StringBuilder text = new StringBuilder();
                    text.append(r.key() == null ? "" : new String(r.key(), UTF_8)).append(' ')
                            .append(r.value() == null ? "" : new String(r.value(), UTF_8));
                    for (Header h : r.headers()) {
                        text.append(' ').append(h.value() == null ? "" : new String(h.value(), UTF_8));
                    }
                    values.stream().filter(v -> text.indexOf(v) >= 0).forEach(v -> hits.add(r.topic() + "@" + r.offset() + ": " + v));
                }
            }
        }
        System.out.printf("[security-suite] personal data: %d values searched in %d log lines of 5 processes and %d records on %d topics: %d hits%n",
                values.size(), lines, records, topics, hits.size());
        assertTrue(records > 0, "the topics were read");
        assertEquals(List.of(), hits);
    }

    private static void open311Submission() {
        SuiteClient.gateway().contentType("application/x-www-form-urlencoded")
                .formParam("api_key", "demo-open311-key").formParam("service_code", "urban_planning").formParam("description", "路灯不亮 " + MARKER)
                .formParam("first_name", NAME).formParam("phone", OPEN311_PHONE).formParam("email", EMAIL)
                .post("/open311/v2/requests.json").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    // ------------------------------------------------------------------ calls

    record Body(String type, byte[] bytes) {
    }

    record Reply(int status, String body) {
        String excerpt() {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    private static Body body(Operation op) throws IOException {
        if (op.bodyType().isEmpty()) {
            return null;
        }
        byte[] bytes = op.takesJson() ? OpenApiOperations.JSON.writeValueAsBytes(op.sampleBody()) : new byte[0];
        return new Body(op.bodyType().get(), bytes);
    }

    private static Reply call(String base, Operation op, Subject s, Body body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + fill(op.path()))).timeout(Duration.ofSeconds(20));
        if (!s.anonymous()) {
            b.header("Authorization", "Bearer " + tokens.get(s.name()));
        } else if (s.citizen()) {
            b.header("X-Access-Code", s.ownCode() ? ownCode : otherCode);
        }
        if (body != null) {
            b.header("Content-Type", body.type());
        }
        b.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        return send(b.build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                // a live stream never ends: its first bytes are enough
                boolean stream = r.headers().firstValue("Content-Type").orElse("").contains("event-stream");
                return new Reply(r.statusCode(), stream ? "" : new String(in.readNBytes(256 * 1024), UTF_8));
            }
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status alone: a refused upload's connection may stay open, its body is not waited for. */
    private static int statusOnly(HttpRequest request) {
        try {
            HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build());
    }

    private static Reply getWithCode(String url, String code) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Access-Code", code).GET().build());
    }

    private static Reply post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The 1-based attempt that first met a 429, or 0; a 5xx fails at once. */
    private static int burst(int attempts, java.util.function.Supplier<Reply> call) {
        for (int i = 1; i <= attempts; i++) {
            Reply r = call.get();
            assertTrue(r.status < 500, "burst attempt " + i + " → " + r.status);
            if (r.status == 429) {
                return i;
            }
        }
        return 0;
    }

    /** Path parameters from the fixtures; ids no fixture stands for are random (404 for those allowed). */
    private static String fill(String path) {
        String filled = path;
        for (String name : OpenApiOperations.pathParameters(path)) {
            filled = filled.replace("{" + name + "}", value(path, name));
        }
        return filled;
    }

    private static String value(String path, String name) {
        switch (name) {
            case "trackingNumber":
                return ids.get("tracking");
            case "code":
                return "urban_planning";
            case "year":
                return Integer.toString(LocalDate.now().getYear());
            case "day":
                return LocalDate.now().plusYears(3).toString();
            case "topic":
                return "zhengfeng.complaints.dlt";
            case "partition":
            case "offset":
                return "0";
            case "token":
            case "invitationId":
            case "activityId":
                return UUID.randomUUID().toString();
            default:
                break;
        }
        if (path.startsWith("/open311/v2/requests/")) {
            return ids.get("tracking");
        }
        for (String[] prefix : new String[][] { { "/api/complaints/", "complaint" }, { "/api/auth/accounts/", "account" },
                { "/api/inspections/campaigns/", "campaign" }, { "/api/inspections/findings/", "finding" },
                { "/api/inspections/orders/", "order" }, { "/api/surveys/public/", "survey" }, { "/api/surveys/", "survey" } }) {
            if (path.startsWith(prefix[0])) {
                return ids.get(prefix[1]);
            }
        }
        if (path.matches("/api/inspections/\\{id}.*")) {
            return ids.get("inspection");
        }
        return UUID.randomUUID().toString();
    }

    private static JsonNode json(String text) throws IOException {
        return OpenApiOperations.JSON.readTree(text);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** An 18-character resident ID number with a correct check character (GB 11643). */
    private static String idNumber() {
        String body = "110105" + (1960 + ThreadLocalRandom.current().nextInt(40)) + "0" + (1 + ThreadLocalRandom.current().nextInt(9))
                + "1" + ThreadLocalRandom.current().nextInt(10) + digits(3);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
