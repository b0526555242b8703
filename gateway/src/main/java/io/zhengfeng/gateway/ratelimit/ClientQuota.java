package io.zhengfeng.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.zhengfeng.gateway.config.GatewayConfig;
import io.zhengfeng.gateway.web.LingeringClose;
import io.zhengfeng.gateway.web.RouteProblems;

/**
 * A quota on every API call per client (OWASP API4, unrestricted resource consumption), told to the
 * client in the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): {@code
 * RateLimit-Policy: "client";q=1200;w=60} and {@code RateLimit: "client";r=1199;t=42}. The narrower
 * limits (logins, anonymous writes, tracking guesses) still apply beneath it.
 *
 * <p>A client is its bearer token (a staff session) or, without one, its IP. Keyed by the token as
 * sent, not by the subject inside it, so nobody can spend a colleague's quota by naming them in a
 * forged token, and nothing is verified twice: a forged token only gets its own bucket, then its 401.
 * Runs as a filter before any route, so the gateway's own endpoints and the proxied ones count alike.
 */
@ApplicationScoped
public class ClientQuota {
    public static final String RATE_LIMIT = "RateLimit";
    public static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    private static final String NAME = "\"client\"";
    /** After the request id (10 000), so the 429 names it; before the body cap (9 000). */
    private static final int PRIORITY = 9_500;
    private static final String BEARER = "bearer ";

    private final RateLimit limit;
    private final List<String> paths;
    private final String policy;
    private final RouteProblems problems;
    private final LingeringClose lingeringClose;

    public ClientQuota(GatewayConfig config, RouteProblems problems, LingeringClose lingeringClose) {
        GatewayConfig.ClientQuota quota = config.rateLimit().clientQuota();
        this.limit = new RateLimit("client-quota", quota.requests(), quota.period());
        this.paths = quota.paths();
        this.policy = NAME + ";q=" + quota.requests() + ";w=" + quota.period().toSeconds();
        this.problems = problems;
        this.lingeringClose = lingeringClose;
    }

    void register(@Observes Filters filters) {
        filters.register(this::charge, PRIORITY);
    }

    private void charge(RoutingContext ctx) {
        if (!covers(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        RateLimit.Charge charge = limit.charge(clientOf(ctx.request()));
        HttpServerResponse response = ctx.response();
        response.putHeader(RATE_LIMIT_POLICY, policy)
                .putHeader(RATE_LIMIT, NAME + ";r=" + charge.remaining() + ";t=" + charge.resetSeconds());
        if (charge.allowed()) {
            ctx.next();
            return;
        }
        response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(charge.resetSeconds()));
        lingeringClose.refuseUnread(ctx, () -> problems.send(response, 429, TooManyRequestsException.SLUG, TooManyRequestsException.TITLE,
                "Request quota of " + limit.requests() + " per " + limit.period().toSeconds() + " s used up; try again in "
                        + charge.resetSeconds() + " s"));
    }

    private boolean covers(String path) {
        for (String prefix : paths) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static String clientOf(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "token:" + digest(authorization.substring(BEARER.length()).trim());
        }
        return "ip:" + request.remoteAddress().hostAddress();
    }

    /** A fixed-size key: a bucket store of 100 000 clients must not hold 100 000 whole tokens. */
    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
