package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The gateway as a reverse proxy: what goes in comes out, streamed, with clear errors when it cannot. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class ProxyTest {
    private static final int LARGE = 5 * 1024 * 1024;
    private static final byte[] PAYLOAD = new byte[LARGE];
    private static final CompletableFuture<HttpServerResponse> OPEN_STREAM = new CompletableFuture<>();
    private static FakeService surveys;
    private static FakeService notifications;

    @TestHTTPResource("/")
    URI gateway;

    @BeforeAll
    static void startUpstreams() {
        new Random(42).nextBytes(PAYLOAD);
        surveys = FakeService.of("survey-service")
                .on("/api/surveys/large", ctx -> {
                    HttpServerResponse response = ctx.response().setChunked(true)
                            .putHeader("Content-Type", "application/octet-stream");
                    for (int offset = 0; offset < LARGE; offset += 64 * 1024) {
                        response.write(Buffer.buffer(PAYLOAD).slice(offset, Math.min(LARGE, offset + 64 * 1024)));
                    }
                    response.end();
                })
                .on("/api/surveys/upload", ctx -> {
                    MessageDigest sha = sha256();
                    long[] length = { 0 };
                    ctx.request().handler(chunk -> {
                        sha.update(chunk.getBytes());
                        length[0] += chunk.length();
                    });
                    ctx.request().endHandler(v -> ctx.json(new JsonObject()
                            .put("sha256", HexFormat.of().formatHex(sha.digest())).put("length", length[0])));
                })
                .on("/api/surveys/slow", ctx -> {
                    // never answers
                })
                .start();
        notifications = FakeService.of("notification-service")
                .on("/api/notifications/stream", ctx -> {
                    HttpServerResponse response = ctx.response().setChunked(true)
                            .putHeader("Content-Type", "text/event-stream")
                            .putHeader("Cache-Control", "no-cache");
                    response.write("event: hello\ndata: first\n\n");
                    OPEN_STREAM.complete(response); // the rest only when the test says so
                })
                .start();
    }

    @AfterAll
    static void stopUpstreams() {
        surveys.close();
        notifications.close();
    }

    @Test
    void keepsStatusHeadersAndBodyAndAddsForwardingHeaders() {
        String marker = UUID.randomUUID().toString();
        Response response = given().header("X-Test-Marker", marker).header("Accept-Language", "zh-CN")
                .queryParam("q", "政风").body("{\"answer\":1}").contentType("application/json")
                .post("/api/surveys/s-1/responses");
        response.then().statusCode(201)
                .header("X-Upstream", "survey-service")
                .contentType("application/json")
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(12))
                .body("headers.accept-language", equalTo("zh-CN"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", equalTo(gateway.getHost() + ":" + gateway.getPort()));
        FakeService.Received received = surveys.marked(marker).get(0);
        assertTrue(received.uri().startsWith("/api/surveys/s-1/responses?q="), received.uri());
    }

    @Test
    void streamsALargeResponseBodyIntact() {
        byte[] body = given().get("/api/surveys/large").then().statusCode(200).extract().asByteArray();
        assertEquals(LARGE, body.length);
        assertArrayEquals(sha256().digest(PAYLOAD), sha256().digest(body));
    }

    @Test
    void streamsALargeRequestBodyIntact() {
        given().body(PAYLOAD).contentType("application/octet-stream").post("/api/surveys/upload")
                .then().statusCode(200)
                .body("length", equalTo(LARGE))
                .body("sha256", equalTo(HexFormat.of().formatHex(sha256().digest(PAYLOAD))));
    }

    @Test
    void serverSentEventsPassThroughUnbuffered() {
        HttpClient client = HttpClient.newHttpClient();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            HttpResponse<Stream<String>> response = client.send(
                    HttpRequest.newBuilder(gateway.resolve("/api/notifications/stream"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
            Iterator<String> lines = response.body().iterator();
            // the upstream is still holding the stream open: this event can only come if nothing buffers
            assertEquals("event: hello", lines.next());
            assertEquals("data: first", lines.next());
            assertTrue(OPEN_STREAM.isDone() && !OPEN_STREAM.get().ended());

            OPEN_STREAM.get().end("data: last\n\n");
            assertEquals("", lines.next());
            assertEquals("data: last", lines.next());
        });
    }

    @Test
    void slowServiceIsAnswered504() {
        given().get("/api/surveys/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:upstream-timeout"))
                .body("status", equalTo(504));
    }

    @Test
    void requestIdIsPassedThroughAndReturnedOnce() {
        Response response = given().header("X-Request-Id", "citizen-42.retry_1").get("/api/surveys/any");
        response.then().statusCode(200).body("headers.x-request-id", equalTo("citizen-42.retry_1"));
        assertEquals(List.of("citizen-42.retry_1"), response.headers().getValues("X-Request-Id"));
    }

    @Test
    void requestIdIsGeneratedWhenMissingOrUnsafe() {
        for (String incoming : new String[] { null, "<script>alert(1)</script>" }) {
            var request = given();
            if (incoming != null) {
                request.header("X-Request-Id", incoming);
            }
            Response response = request.get("/api/surveys/any");
            String generated = response.header("X-Request-Id");
            response.then().statusCode(200)
                    .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                    .body("headers.x-request-id", equalTo(generated));
        }
    }

    @Test
    void pathsWithDotSegmentsAreRefused() {
        given().urlEncodingEnabled(false).get("/api/surveys/a/%2e%2e/b")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:ambiguous-path"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
