package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.FreePorts;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * A webhook whose receiver refuses connections trips its own breaker: its calls wait, none uses up an
 * attempt, while another webhook keeps receiving; when the receiver answers, they arrive once each,
 * in the order they were created.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
@QuarkusTestResource(value = WebhookBreakerTest.RefusingReceiverPort.class, restrictToAnnotatedClass = true)
class WebhookBreakerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CALLS = 5;

    /** A loopback port that refuses connections until the test serves it; both receivers allowed as targets. */
    public static class RefusingReceiverPort implements QuarkusTestResourceLifecycleManager {
        static int port;

        @Override
        public Map<String, String> start() {
            new MailAndWebhookReceivers().start();
            port = FreePorts.next();
            return Map.of(
                    "%test.zhengfeng.notification.webhooks.allowed-targets",
                    "127.0.0.1:" + MailAndWebhookReceivers.httpPort() + ",127.0.0.1:" + port,
                    "%test.zhengfeng.notification.delivery.breaker.initial-delay", "250ms",
                    "%test.zhengfeng.notification.delivery.breaker.max-delay", "1s");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void refusingReceiverOpensItsOwnBreakerAndGetsItsCallsOnceInOrderWhenItAnswers() throws Exception {
        String down = register("http://127.0.0.1:" + RefusingReceiverPort.port + "/hook");
        String up = register(MailAndWebhookReceivers.url(MailAndWebhookReceivers.OK_PATH));
        List<UUID> complaints = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            UUID id = UUID.randomUUID();
            complaints.add(id);
            EventFeed.complaintSubmitted(id, "ZF-B-000" + i);
        }
        // Positive signals: the refusing target's breaker is open or probing; the other target got every call.
        Await.until(() -> breakerState("webhook:" + down) >= 1, WAIT);
        Await.until(() -> complaints.stream().allMatch(c -> MailAndWebhookReceivers.received().stream()
                .anyMatch(r -> r.path().equals(MailAndWebhookReceivers.OK_PATH) && new String(r.body()).contains(c.toString()))),
                WAIT);
        assertEquals(0.0, breakerState("webhook:" + up), "the answering webhook's breaker stays closed");
        Await.until(() -> log(down).size() == CALLS, WAIT);
        for (Map<String, Object> entry : log(down)) {
            assertEquals("PENDING", entry.get("status"), entry.toString());
            assertEquals(0, entry.get("attempts"), "an unreachable target uses up no attempt: " + entry);
        }
        // created order = oldest first in the log read backwards
        List<String> created = new ArrayList<>(log(down).stream().map(e -> (String) e.get("id")).toList());
        Collections.reverse(created);

        List<String> arrived = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RefusingReceiverPort.port), 0);
        receiver.createContext("/hook", exchange -> {
            arrived.add(exchange.getRequestHeaders().getFirst("X-Zhengfeng-Delivery"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Await.until(() -> log(down).stream().allMatch(e -> "DELIVERED".equals(e.get("status"))), WAIT);
            assertEquals(created, arrived, "each call once, in the order they were created");
            assertEquals(0.0, breakerState("webhook:" + down), "closed again");
            assertTrue(log(down).stream().allMatch(e -> Integer.valueOf(1).equals(e.get("attempts"))));
        } finally {
            receiver.stop(0);
            admin().delete("/api/notifications/webhooks/" + down).then().statusCode(204);
            admin().delete("/api/notifications/webhooks/" + up).then().statusCode(204);
        }
    }

    private static String register(String url) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", "breaker-test-secret-" + UUID.randomUUID(), "eventTypes", List.of("complaint.new")))
                .post("/api/notifications/webhooks").then().statusCode(201).extract().path("id");
    }

    /** The delivery log of one webhook, newest first. */
    private static List<Map<String, Object>> log(String hookId) {
        return admin().queryParam("channel", "WEBHOOK").queryParam("recipient", "webhook:" + hookId).queryParam("size", 100)
                .get("/api/notifications/deliveries").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static double breakerState(String target) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^zhengfeng_notification_breaker_state\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains("target=\"" + target + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0; // no breaker yet: closed
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("admin1", "admin", null));
    }
}
