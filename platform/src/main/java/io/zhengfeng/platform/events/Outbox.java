package io.zhengfeng.platform.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.platform.persistence.AppendOnlyRows;
import io.zhengfeng.platform.persistence.RowIds;
import io.zhengfeng.platform.web.RequestContext;

/**
 * Records an event in the caller's transaction (transactional outbox): the event exists if and only
 * if the state change committed. The {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {
    /** Fixed: the migration seeds one lock row per shard. */
    public static final int SHARDS = 8;
    /** The columns of {@link OutboxEvent} a new event fills; the relay reads them back through the entity. */
    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, event_type, source, subject, shard,"
            + " payload, occurred_at, request_id, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AppendOnlyRows rows;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final RequestContext requestContext;
    private final String source;
    private final Tracer tracer;

    public Outbox(AppendOnlyRows rows, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay, RequestContext requestContext,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, Tracer tracer) {
        this.tracer = tracer;
        this.rows = rows;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
        this.requestContext = requestContext;
        this.source = Sources.of(applicationName);
    }

    /** @return the CloudEvents id given to the event */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, Object aggregateId, Object payload) {
        // A PRODUCER span per event: its context is what the row carries, so the consumer's span is its child.
        Span span = tracer.spanBuilder("outbox " + type).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("cloudevents.event_type", type)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            UUID id = write(topic, type, aggregateId, payload);
            span.setAttribute("cloudevents.event_id", id.toString());
            return id;
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private UUID write(String topic, String type, Object aggregateId, Object payload) {
        UUID id = RowIds.next(); // consumers key processed_event on it: time order keeps their inserts local
        String subject = aggregateId.toString();
        int shard = Math.floorMod(subject.hashCode(), SHARDS);
        rows.insert(INSERT, id.toString(), topic, type, source, subject, shard, toJson(payload), Instant.now(),
                requestContext.requestId(), requestContext.traceparent());
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay, shard));
        return id;
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be written as JSON: " + payload.getClass(), e);
        }
    }

    private record WakeRelayAfterCommit(OutboxRelay relay, int shard) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp(shard);
            }
        }
    }
}
