package io.zhengfeng.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's edge settings. The route table is data: adding
 * {@code zhengfeng.gateway.routes.<service>.prefixes} and {@code .upstream} routes a new service
 * without code.
 */
@ConfigMapping(prefix = "zhengfeng.gateway")
public interface GatewayConfig {

    /** Keyed by the upstream service's name (used in health and error reports). */
    Map<String, Route> routes();

    Upstream upstream();

    RateLimits rateLimit();

    interface Route {
        /** Path prefixes sent to this service, e.g. {@code /api/complaints}; each covers its whole subtree. */
        List<String> prefixes();

        /**
         * Base URL of the service, e.g. {@code http://localhost:8081}; a path on it is prepended. Several
         * (comma-separated, same path) are replicas of the service, taken in turn.
         */
        List<URI> upstream();

        /**
         * Where the gateway asks each replica for its readiness: the base URL of its management
         * interface (e.g. {@code http://localhost:9000}, where production serves health), one per
         * upstream URL and in the same order. Absent: each upstream URL itself (a service answering
         * health on its main port, as in the local profile).
         */
        Optional<List<URI>> healthUrl();

        @WithDefault("/q/health/ready")
        String healthPath();

        @WithDefault("/q/openapi?format=json")
        String openapiPath();
    }

    interface Upstream {
        /** Time allowed to open a TCP connection to a service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Time allowed from sending a request until the service's response headers arrive. */
        @WithDefault("30s")
        Duration responseTimeout();

        /** Pooled connections per service and event loop (the proxy keeps one client per loop); a live SSE stream holds one for as long as it is open. */
        @WithDefault("500")
        int maxConnections();

        /** Budget of each call the gateway makes for itself: suite health, OpenAPI documents. */
        @WithDefault("2s")
        Duration probeTimeout();

        /** How long a replica that refused a connection or failed its readiness is passed over. */
        @WithDefault("5s")
        Duration coolDown();
    }

    interface RateLimits {
        /** Anonymous {@code POST}s per client IP on the paths citizens submit to. */
        AnonymousWrites anonymousWrites();

        /** Login attempts per client IP, successful or not. */
        Limit login();

        /**
         * Per username and client IP: {@code requests} attempts are free, then each further attempt
         * waits {@code period}, doubling per failure up to {@code max-backoff}.
         */
        FailedLogin failedLogin();

        /**
         * Every API call per client: per bearer token for staff, per IP for anonymous callers
         * ({@link io.zhengfeng.gateway.ratelimit.ClientQuota}).
         */
        ClientQuota clientQuota();

        /** Failed logins per client IP over every account (password spraying from one address). */
        @WithDefault("100")
        int addressFailures();

        @WithDefault("15m")
        Duration addressFailuresPeriod();
    }

    interface FailedLogin extends Limit {
        @WithDefault("1h")
        Duration maxBackoff();
    }

    interface ClientQuota extends Limit {
        /** Path prefixes the quota covers: the API, not the console's static files or health. */
        @WithDefault("/api,/open311")
        List<String> paths();
    }

    interface AnonymousWrites extends Limit {
        @WithDefault("/api/complaints,/open311")
        List<String> paths();
    }

    interface Limit {
        @WithDefault("60")
        int requests();

        @WithDefault("1m")
        Duration period();
    }
}
