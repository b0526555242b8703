package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * A browser's EventSource cannot send a bearer token: it asks for a stream ticket and puts that in
 * the stream's URL. The gateway turns the ticket, once, into the holder's bearer token, and the
 * service never sees the ticket. The console's files come with a strict CSP.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class StreamTicketTest {
    private static final String STREAM = "/api/notifications/inbox/stream";
    private static FakeService notifications;

    @BeforeAll
    static void startUpstream() {
        notifications = FakeService.of("notification-service").start();
    }

    @AfterAll
    static void stopUpstream() {
        notifications.close();
    }

    @Test
    void aTicketOpensTheStreamOnceAsItsHolderAndNeitherTheServiceNorTheAccessLogSeesIt() {
        List<String> accessLog = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                accessLog.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("io.quarkus.http.access-log").addHandler(capture);
        // signed like the gateway's own tokens; not a password login, which other classes lock out
        String token = TestTokens.token("sup-stream-ticket", "supervisor");
        String ticket = given().auth().oauth2(token).post("/api/auth/stream-ticket").then().statusCode(200)
                .header("Cache-Control", "no-store").body("expiresIn", lessThanOrEqualTo(30))
                .extract().path("ticket");
        assertTrue(ticket.length() >= 40, "256 random bits");

        given().get(STREAM + "?ticket=" + ticket + "&lastEventId=0b7c6c1e-6a8e-4b52-9d7a-1f1f0c4c2f10").then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("uri", equalTo(STREAM + "?lastEventId=0b7c6c1e-6a8e-4b52-9d7a-1f1f0c4c2f10"));
        assertTrue(notifications.received().stream().noneMatch(r -> r.uri().contains(ticket)), "the ticket stays at the gateway");

        // once only
        given().get(STREAM + "?ticket=" + ticket).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("stream ticket"));
        given().get(STREAM + "?ticket=guessed").then().statusCode(401);
        long forwarded = notifications.received().stream().filter(r -> r.uri().startsWith(STREAM)).count();
        assertEquals(1, forwarded, "refused tickets never reach the service");

        Await.until(() -> accessLog.stream().filter(l -> l.contains(STREAM)).count() >= 3, Duration.ofSeconds(10));
        Logger.getLogger("io.quarkus.http.access-log").removeHandler(capture);
        assertTrue(accessLog.stream().noneMatch(l -> l.contains(ticket) || l.contains("guessed")), "no ticket in " + accessLog);
    }

    @Test
    void onlyASignedInUserGetsATicket() {
        given().post("/api/auth/stream-ticket").then().statusCode(401);
        given().auth().oauth2("not.a.token").post("/api/auth/stream-ticket").then().statusCode(401);
    }

    @Test
    void theConsoleIsServedWithAStrictContentSecurityPolicy() {
        given().redirects().follow(false).get("/console").then().statusCode(301).header("Location", "/console/");
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("console.js"));
        given().get("/console/console.js").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"));
    }
}
