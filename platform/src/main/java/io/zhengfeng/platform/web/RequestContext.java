package io.zhengfeng.platform.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The request id and trace context of the work in progress, from the HTTP request or the consumed
 * event; carried onto the events it causes.
 */
@ApplicationScoped
public class RequestContext {
    public static final String REQUEST_ID = "requestId";
    public static final String TRACEPARENT = "traceparent";

    public String requestId() {
        Object id = MDC.get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    /**
     * The W3C {@code traceparent} of the current span (so the consumer's span becomes its child); the
     * one the client sent only when tracing is off (SDK disabled: no valid current span).
     */
    public String traceparent() {
        String current = traceparent(Span.current().getSpanContext());
        if (current != null) {
            return current;
        }
        Object tp = MDC.get(TRACEPARENT);
        return tp == null ? null : tp.toString();
    }

    static String traceparent(SpanContext span) {
        if (span == null || !span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
