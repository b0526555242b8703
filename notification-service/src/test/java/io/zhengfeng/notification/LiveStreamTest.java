package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/** The live stream pushes an overdue alert to a connected department head as it fires. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class LiveStreamTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** A line of the stream and when it arrived. */
    record Line(String text, Instant at) {
    }

    @Test
    void connectedHeadReceivesTheOverdueAlertWithinOneSecondOfTheDeadline() throws Exception {
        List<Line> lines = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/inbox/stream"))
                .header("Authorization", TestTokens.bearer("head-land-2", "dept_head", "land"))
                .header("Accept", "text/event-stream").build();
        var response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try (Stream<String> body = response.join().body()) {
                body.forEach(l -> lines.add(new Line(l, Instant.now())));
            } catch (RuntimeException closed) {
                // the test ended the connection
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until(() -> lines.stream().anyMatch(l -> l.text().replace(" ", "").equals("event:ready")), Duration.ofSeconds(10));
            assertEquals(200, response.join().statusCode());

            ComplaintNews c = new ComplaintNews();
            Deadline reply = ComplaintNews.deadline(Deadline.REPLY, 60_000, 2_000);
            c.say("assigned", "assigned", "land", reply);

            Await.until(() -> overdueLine(lines, c) != null, Duration.ofSeconds(20));
            Line pushed = overdueLine(lines, c);
            long afterDeadlineMs = Duration.between(reply.dueAt(), pushed.at()).toMillis();
            // measured from the deadline itself, so this bounds firing + push from above
            assertTrue(afterDeadlineMs < 1_000, "pushed " + afterDeadlineMs + " ms after the deadline");
            assertTrue(lines.stream().noneMatch(l -> l.text().contains("\"type\":\"deadline.escalation\"")
                    && l.text().contains(c.id.toString()) && l.at().isBefore(pushed.at())), "in ladder order");
        } finally {
            response.cancel(true);
        }
    }

    private static Line overdueLine(List<Line> lines, ComplaintNews c) {
        return lines.stream().filter(l -> l.text().startsWith("data:") && l.text().contains("\"type\":\"deadline.overdue\"")
                && l.text().contains(c.id.toString())).findFirst().orElse(null);
    }
}
