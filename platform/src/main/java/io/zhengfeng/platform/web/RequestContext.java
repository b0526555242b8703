package io.zhengfeng.platform.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

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

    public String traceparent() {
        Object tp = MDC.get(TRACEPARENT);
        return tp == null ? null : tp.toString();
    }
}
