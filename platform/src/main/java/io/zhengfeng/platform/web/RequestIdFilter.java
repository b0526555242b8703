package io.zhengfeng.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Takes the gateway's {@code X-Request-Id} (or makes one), logs it with every line of the request
 * and returns it, so a citizen's "request id" on an error leads to the logs of every service.
 */
public class RequestIdFilter {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @ServerRequestFilter(preMatching = true)
    public void incoming(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SAFE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        MDC.put(RequestContext.REQUEST_ID, id);
        request.setProperty(RequestContext.REQUEST_ID, id);
        String traceparent = request.getHeaderString("traceparent");
        if (traceparent != null && traceparent.length() <= 100) {
            MDC.put(RequestContext.TRACEPARENT, traceparent);
        } else {
            MDC.remove(RequestContext.TRACEPARENT);
        }
    }

    @ServerResponseFilter
    public void outgoing(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestContext.REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
