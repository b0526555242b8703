package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.testing.AccessLogLine;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * Request bodies over the cap are refused 413 at the gateway whatever their framing, and the access
 * log never writes a key, a search text or an access code that came in a query string.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class RequestLimitsTest {
    /** The default cap (zhengfeng.body-limit.max). */
    private static final int CAP = 1024 * 1024;
    private static final byte[] CHUNK = new byte[64 * 1024];
    /**
     * Staff's token: the cap applies to every caller, and an anonymous upload would also count against
     * the per-address anonymous-write limit that other test classes of this JVM have used up.
     */
    private static final String STAFF = "Authorization: " + TestTokens.bearer("limits-test", "admin", null) + "\r\n";
    /** Completed with the body length the service read to its end, or -1 when the body was broken off. */
    private static volatile CompletableFuture<Long> upload = new CompletableFuture<>();
    private static FakeService complaints;
    private static FakeService inspections;

    @TestHTTPResource("/")
    URI gateway;

    @BeforeAll
    static void startUpstreams() {
        complaints = FakeService.of("complaint-service").on("/api/complaints/upload", ctx -> {
            CompletableFuture<Long> done = upload;
            long[] length = { 0 };
            ctx.request().handler(chunk -> length[0] += chunk.length());
            ctx.request().exceptionHandler(e -> done.complete(-1L));
            ctx.request().connection().closeHandler(v -> done.complete(-1L));
            ctx.request().endHandler(v -> {
                done.complete(length[0]);
                ctx.json(new JsonObject().put("length", length[0]));
            });
        }).start();
        inspections = FakeService.of("inspection-service").start();
    }

    @AfterAll
    static void stopUpstreams() {
        complaints.close();
        inspections.close();
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefused413BeforeTheBodyIsRead() throws IOException {
        String marker = UUID.randomUUID().toString();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000); // an answer that never comes fails the test instead of hanging it
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/complaints/upload HTTP/1.1\r\nHost: localhost\r\n" + STAFF + "Content-Type: application/octet-stream\r\n"
                    + "X-Test-Marker: " + marker + "\r\nContent-Length: " + (CAP + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"status\":413"), response);
        }
        assertTrue(complaints.marked(marker).isEmpty(), "the service never saw the request");
    }

    @Test
    void aClientThatSendsItsWholeOversizedBodyBeforeReadingStillGetsThe413() throws IOException {
        byte[] body = new byte[8 * CAP]; // more than the socket buffers hold: the gateway must read it or reset
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/complaints/upload HTTP/1.1\r\nHost: localhost\r\n" + STAFF
                        + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body); // a reset here is the bug: the refused body was not drained
                out.flush();
                String response = readAll(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 413"), response);
                assertTrue(response.contains("\"status\":413"), response);
            }
        }
    }

    @Test
    void aChunkedBodyIsCutOffWith413AsItPassesTheCap() throws Exception {
        upload = new CompletableFuture<>();
        CompletableFuture<Long> seenByService = upload;
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000); // an answer that never comes fails the test instead of hanging it
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/complaints/upload HTTP/1.1\r\nHost: localhost\r\n" + STAFF + "Content-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Past the cap by two chunks, and no last chunk: the body never ends on its own.
            for (int sent = 0; sent <= CAP + CHUNK.length; sent += CHUNK.length) {
                out.write((Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(CHUNK);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String response = readAll(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
        }
        assertEquals(-1L, seenByService.get(30, TimeUnit.SECONDS), "the service's request was broken off, not completed");
    }

    @Test
    void aChunkedBodyUnderTheCapPassesIntact() throws Exception {
        upload = new CompletableFuture<>();
        int length = CAP - 1;
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/complaints/upload"))
                .header("Authorization", TestTokens.bearer("limits-test", "admin", null))
                .header("Content-Type", "application/octet-stream")
                // An InputStream of unknown length: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[length])))
                .build();
        // HTTP/1.1: the JDK would otherwise upgrade to h2c, where a body has no chunked framing.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals((long) length, upload.get(30, TimeUnit.SECONDS));
    }

    @Test
    void anHttp2BodyOfUnknownLengthIsForwardedIntactAndCappedLikeAChunkedOne() throws Exception {
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        h2c.send(HttpRequest.newBuilder(gateway.resolve("/api/complaints/ping")).build(), HttpResponse.BodyHandlers.ofString());
        for (int length : new int[] { CAP - 1, CAP + 1 }) {
            upload = new CompletableFuture<>();
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/complaints/upload"))
                    .header("Authorization", TestTokens.bearer("limits-test", "admin", null))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[length])))
                    .build();
            HttpResponse<String> response = h2c.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version(), "upgraded to h2c");
            if (length <= CAP) {
                assertEquals(200, response.statusCode(), response.body());
                assertEquals((long) length, upload.get(30, TimeUnit.SECONDS));
            } else {
                assertEquals(413, response.statusCode(), response.body());
            }
        }
    }

    @Test
    void aRouteWithItsOwnCapTakesLargerBodies() {
        given().body(new byte[2 * CAP]).contentType("application/octet-stream").post("/api/inspections/photos")
                .then().statusCode(201);
        given().body(new byte[2 * CAP]).contentType("application/json").post("/api/auth/token")
                .then().statusCode(413);
    }

    @Test
    void theAccessLogWritesNoKeySearchTextOrAccessCode() throws Exception {
        try (AccessLogLine line = AccessLogLine.matching(l -> l.contains("status=open"))) {
            given().queryParam("api_key", "SECRET-KEY-1").queryParam("q", "张三 13812345678")
                    .queryParam("code", "ACCESS-CODE-9").queryParam("status", "open")
                    .get("/open311/v2/requests.json").then().statusCode(200);
            String logged = line.get();
            assertTrue(logged.contains("/open311/v2/requests.json?api_key=***&q=***&code=***&status=open"), logged);
            for (String secret : new String[] { "SECRET-KEY-1", "13812345678", "%E5%BC%A0", "ACCESS-CODE-9" }) {
                assertFalse(logged.contains(secret), logged);
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
