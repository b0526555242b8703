package io.zhengfeng.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Turns one Kafka record into at most one application of its {@link EventHandler}, and says what
 * the consumer should do next: move on, try again later, or dead-letter it.
 */
@ApplicationScoped
public class EventDispatcher {
    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    public enum Result {
        APPLIED, DUPLICATE, IGNORED, RETRY, POISON
    }

    /** @param reason why it must be retried or dead-lettered; null otherwise */
    public record Outcome(Result result, String reason) {
        static Outcome of(Result result) {
            return new Outcome(result, null);
        }
    }

    private final Instance<EventHandler> handlers;
    private final EventApplier applier;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final DataSource dataSource;
    private final PlatformConfig config;
    private final Tracer tracer;

    public EventDispatcher(Instance<EventHandler> handlers, EventApplier applier, ObjectMapper json,
            MeterRegistry metrics, DataSource dataSource, PlatformConfig config, Tracer tracer) {
        this.tracer = tracer;
        this.handlers = handlers;
        this.applier = applier;
        this.json = json;
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A record read: either what to do with it at once ({@code early}), or its handler and event. */
    private record Parsed(ConsumerRecord<String, byte[]> record, Map<String, String> headers, String type,
            EventHandler handler, IncomingEvent event, Outcome early) {
    }

    private Parsed parse(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = headers(record);
        String type = headers.get(CloudEventHeaders.TYPE);
        if (type == null || !CloudEventHeaders.SPEC_VERSION_VALUE.equals(headers.get(CloudEventHeaders.SPEC_VERSION))) {
            return new Parsed(record, headers, "-", null, null, new Outcome(Result.POISON, "not a CloudEvents "
                    + CloudEventHeaders.SPEC_VERSION_VALUE + " binary-mode record (ce_specversion "
                    + headers.get(CloudEventHeaders.SPEC_VERSION) + ", ce_type " + type + ")"));
        }
        EventHandler handler = handlers.stream()
                .filter(h -> h.topic().equals(record.topic()) && h.types().contains(type))
                .findFirst().orElse(null);
        if (handler == null) {
            // Another consumer's type, or a newer version published beside the one we read (DESIGN, "Events").
            return new Parsed(record, headers, type, null, null, Outcome.of(Result.IGNORED));
        }
        String id = headers.get(CloudEventHeaders.ID);
        if (id == null || id.isBlank() || record.value() == null) {
            return new Parsed(record, headers, type, null, null, new Outcome(Result.POISON, "missing ce_id or value"));
        }
        IncomingEvent event = new IncomingEvent(id, type, headers.get(CloudEventHeaders.SOURCE),
                headers.get(CloudEventHeaders.SUBJECT), parseTime(headers.get(CloudEventHeaders.TIME)),
                record.topic(), record.partition(), record.offset(), new String(record.value(), UTF_8), json);
        return new Parsed(record, headers, type, handler, event, null);
    }

    /** @param failuresSoFar how often this very record failed before (the partition is held on it) */
    public Outcome dispatch(ConsumerRecord<String, byte[]> record, int failuresSoFar) {
        Parsed p = parse(record);
        if (p.early() != null) {
            return counted(p.type(), p.early());
        }
        IncomingEvent event = p.event();
        Span span = consumerSpan(record, p.headers(), p.type(), event.id());
        try (Scope ignored = enter(span, p)) {
            Outcome outcome = Outcome.of(applier.applyOnce(p.handler(), event) ? Result.APPLIED : Result.DUPLICATE);
            span.setAttribute("zhengfeng.outcome", outcome.result().name().toLowerCase());
            return counted(p.type(), outcome);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            return counted(p.type(), failed(event, e, failuresSoFar));
        } finally {
            leave(span);
        }
    }

    /**
     * A poll's records, in order, applied in one transaction ({@link EventApplier#applyAllOnce}):
     * one commit and one duplicate check instead of one per record. Empty, with nothing applied,
     * when a record is poison or any application fails: the caller then dispatches the records one
     * by one, which gives each failure its own verdict.
     */
    public Optional<List<Outcome>> dispatchAll(List<ConsumerRecord<String, byte[]>> records) {
        List<Parsed> parsed = records.stream().map(this::parse).toList();
        if (parsed.stream().anyMatch(p -> p.early() != null && p.early().result() == Result.POISON)) {
            return Optional.empty();
        }
        Map<IncomingEvent, Parsed> byEvent = new IdentityHashMap<>();
        List<EventApplier.Pending> pending = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.early() == null) {
                byEvent.put(p.event(), p);
                pending.add(new EventApplier.Pending(p.handler(), p.event()));
            }
        }
        List<Boolean> applied;
        Parsed[] failing = new Parsed[1];
        try {
            applied = pending.isEmpty() ? List.of() : applier.applyAllOnce(pending, (event, application) -> {
                Parsed p = byEvent.get(event);
                Span span = consumerSpan(p.record(), p.headers(), p.type(), event.id());
                try (Scope ignored = enter(span, p)) {
                    application.run();
                    span.setAttribute("zhengfeng.outcome", "applied");
                } catch (RuntimeException e) {
                    failing[0] = p;
                    span.recordException(e);
                    span.setStatus(StatusCode.ERROR);
                    throw e;
                } finally {
                    leave(span);
                }
            });
        } catch (RuntimeException e) {
            metrics.counter("zhengfeng.consumer.batch_fallbacks").increment();
            if (failing[0] != null && FailureKind.of(e) != FailureKind.POISON) {
                counted(failing[0].type(), new Outcome(Result.RETRY, e.toString())); // it is tried again, alone
            }
            LOG.debugf("A batch of %d records failed (%s); applying them one by one", records.size(), e.toString());
            return Optional.empty();
        }
        Iterator<Boolean> next = applied.iterator();
        List<Outcome> outcomes = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            Outcome o = p.early() != null ? p.early() : Outcome.of(next.next() ? Result.APPLIED : Result.DUPLICATE);
            outcomes.add(counted(p.type(), o));
        }
        return Optional.of(outcomes);
    }

    private static Scope enter(Span span, Parsed p) {
        MDC.put("requestId", p.headers().getOrDefault(CloudEventHeaders.REQUEST_ID, p.event().id()));
        Scope scope = span.makeCurrent();
        MDC.put("traceId", span.getSpanContext().getTraceId());
        MDC.put("spanId", span.getSpanContext().getSpanId());
        return scope;
    }

    private static void leave(Span span) {
        span.end();
        MDC.remove("requestId");
        MDC.remove("traceId");
        MDC.remove("spanId");
    }

    /**
     * A CONSUMER span whose parent is the record's W3C {@code traceparent} (the outbox write that
     * caused it), so the submission, the relay and this application form one trace.
     */
    private Span consumerSpan(ConsumerRecord<String, byte[]> record, Map<String, String> headers, String type, String id) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.destination.partition", record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("cloudevents.event_type", type)
                .setAttribute("cloudevents.event_id", id)
                .startSpan();
    }

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Outcome failed(IncomingEvent event, RuntimeException e, int failuresSoFar) {
        return switch (FailureKind.of(e)) {
            case POISON -> new Outcome(Result.POISON, e.getMessage());
            case TRANSIENT -> {
                LOG.warnf("Applying %s failed for a transient reason (attempt %d), retrying later: %s",
                        event, failuresSoFar + 1, e.getMessage());
                yield new Outcome(Result.RETRY, e.toString());
            }
            case UNCLASSIFIED -> {
                // A bug in a handler fails the same way each time; a dependency we did not recognise
                // fails while the database is away. Give up on the record only in the first case.
                if (failuresSoFar + 1 >= config.consumer().maxAttempts() && databaseAnswers()) {
                    LOG.errorf(e, "Applying %s failed %d times while the database answers", event, failuresSoFar + 1);
                    yield new Outcome(Result.POISON, "failed " + (failuresSoFar + 1) + " times: " + e);
                }
                LOG.warnf("Applying %s failed (attempt %d), retrying later: %s", event, failuresSoFar + 1, e);
                yield new Outcome(Result.RETRY, e.toString());
            }
        };
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private Outcome counted(String type, Outcome outcome) {
        metrics.counter("zhengfeng.events.consumed", "type", type, "outcome", outcome.result().name().toLowerCase())
                .increment();
        return outcome;
    }

    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> map = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.value() != null) {
                map.put(h.key(), new String(h.value(), UTF_8));
            }
        }
        return map;
    }

    private static Instant parseTime(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
