package io.zhengfeng.gateway.proxy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.zhengfeng.gateway.config.GatewayConfig;
import io.zhengfeng.gateway.ratelimit.RateLimit;
import io.zhengfeng.gateway.ratelimit.RateLimits;
import io.zhengfeng.gateway.ratelimit.TooManyRequestsException;
import io.zhengfeng.gateway.web.LingeringClose;
import io.zhengfeng.gateway.web.RouteProblems;

/**
 * Anonymous submissions (a citizen's complaint, an Open311 service request) per client IP: the
 * public write paths are where a script would flood the spokesperson's queue. Requests with a
 * bearer token verified by {@link EdgeAuthentication} (which runs first) are staff's and not
 * counted; any other Authorization header does not exempt a request. The client IP is the connection's peer, or the forwarded client
 * when {@code quarkus.http.proxy.proxy-address-forwarding} trusts a load balancer in front.
 */
@ApplicationScoped
public class AnonymousWriteLimit implements Handler<RoutingContext> {
    private final List<String> paths;
    private final RateLimit limit;
    private final RouteProblems problems;
    private final LingeringClose lingeringClose;

    public AnonymousWriteLimit(GatewayConfig config, RateLimits limits, RouteProblems problems, LingeringClose lingeringClose) {
        this.paths = config.rateLimit().anonymousWrites().paths();
        this.limit = limits.anonymousWrites();
        this.problems = problems;
        this.lingeringClose = lingeringClose;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!counts(ctx)) {
            ctx.next();
            return;
        }
        RateLimit.Verdict verdict = limit.consume(ctx.request().remoteAddress().hostAddress());
        if (verdict.allowed()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        lingeringClose.refuseUnread(ctx, () -> problems.send(ctx.response(), 429, TooManyRequestsException.SLUG,
                TooManyRequestsException.TITLE, "Too many submissions from your address; try again in " + verdict.retryAfterSeconds() + " s"));
    }

    private boolean counts(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || Boolean.TRUE.equals(ctx.get(EdgeAuthentication.AUTHENTICATED))) {
            return false;
        }
        String path = ctx.normalizedPath();
        return paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }
}
