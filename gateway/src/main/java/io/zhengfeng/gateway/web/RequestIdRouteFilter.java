package io.zhengfeng.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.zhengfeng.platform.web.RequestContext;
import io.zhengfeng.platform.web.RequestIdFilter;

/**
 * The request id for every route of the gateway, proxied ones included (the platform's
 * {@link RequestIdFilter} only sees JAX-RS). A safe incoming {@code X-Request-Id} is kept, anything
 * else replaced by a new UUID; the id is written back onto the request headers, so the proxy
 * forwards it, the JAX-RS filter and the access log read the same value, and set on the response
 * last, so a service's own echo of it never appears twice.
 */
@ApplicationScoped
public class RequestIdRouteFilter {
    /** Before CORS and security: every answer, a refused preflight too, carries the id. */
    private static final int PRIORITY = 10_000;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            HttpServerRequest request = ctx.request();
            String id = request.getHeader(RequestIdFilter.HEADER);
            if (id == null || !SAFE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
                request.headers().set(RequestIdFilter.HEADER, id);
            }
            String requestId = id;
            MDC.put(RequestContext.REQUEST_ID, requestId);
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(RequestIdFilter.HEADER, requestId));
            ctx.next();
        }, PRIORITY);
    }
}
