package io.zhengfeng.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.platform.testapp.InMemorySpans;
import io.zhengfeng.platform.testapp.NoteEvents;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

/**
 * One state change's trace: the HTTP server span (child of the caller's traceparent, as the gateway
 * forwards it) → the outbox write (PRODUCER) → the Kafka record's traceparent header → the consumer's
 * CONSUMER span → the handler's SQL; all one trace, through the real broker and database.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class TraceAcrossKafkaTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    InMemorySpans spans;

    @Test
    void submissionOutboxAndConsumptionFormOneTraceWithTheCallersParent() {
        String traceId = hex(32);
        String callerSpanId = hex(16);
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = given().header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .contentType("application/json").body("{\"text\":\"traced\",\"events\":1}")
                    .post("/notes").then().statusCode(200).extract().path("id");

            Await.until(() -> find(traceId, SpanKind.CONSUMER).isPresent(), WAIT);
            SpanData server = find(traceId, SpanKind.SERVER).orElseThrow();
            SpanData outbox = find(traceId, SpanKind.PRODUCER).orElseThrow();
            SpanData consumer = find(traceId, SpanKind.CONSUMER).orElseThrow();

            assertEquals(callerSpanId, server.getParentSpanId(), "the HTTP span continues the caller's trace");
            assertEquals(server.getSpanId(), outbox.getParentSpanId(), "the outbox write happens in the request");
            assertEquals("outbox " + NoteEvents.WRITTEN, outbox.getName());
            assertEquals(outbox.getSpanId(), consumer.getParentSpanId(), "the consumer restores the outbox's context");
            assertEquals(NoteEvents.TOPIC, consumer.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));

            RecordedEvent record = reader.readForKey(id, 1, WAIT).get(0);
            assertEquals("00-" + traceId + "-" + outbox.getSpanId() + "-01", record.headers().get("traceparent"),
                    "the relay puts the stored context in the record's header");

            // SQL has spans too: the note's INSERT under the request, the effect's INSERT under the consumer.
            Await.until(() -> sqlUnder(traceId, consumer.getSpanId()).stream().anyMatch(s -> s.getName().contains("INSERT")), WAIT);
            assertFalse(sqlUnder(traceId, server.getSpanId()).isEmpty(), "the request's statements are traced");
        }
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        return spans.finished().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind)
                .filter(s -> kind != SpanKind.SERVER || s.getName().contains("/notes"))
                .findFirst();
    }

    /** JDBC spans of the trace whose parent is the given span (or a span under it). */
    private List<SpanData> sqlUnder(String traceId, String ancestor) {
        List<SpanData> all = spans.finished().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        return all.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getAttributes().asMap().keySet().stream()
                        .anyMatch(k -> k.getKey().startsWith("db.")))
                .filter(s -> descends(s, ancestor, all))
                .toList();
    }

    private static boolean descends(SpanData span, String ancestor, List<SpanData> all) {
        String parent = span.getParentSpanId();
        for (int depth = 0; depth < 20 && parent != null; depth++) {
            if (parent.equals(ancestor)) {
                return true;
            }
            String p = parent;
            parent = all.stream().filter(s -> s.getSpanId().equals(p)).map(SpanData::getParentSpanId).findFirst().orElse(null);
        }
        return false;
    }

    private static String hex(int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return s.substring(0, length);
    }

}
