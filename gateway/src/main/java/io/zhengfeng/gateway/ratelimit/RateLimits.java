package io.zhengfeng.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.gateway.config.GatewayConfig;

/** The gateway's configured limits, one bucket store each. */
@ApplicationScoped
public class RateLimits {
    private final RateLimit anonymousWrites;
    private final RateLimit login;
    private final RateLimit failedLogin;

    public RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimits limits = config.rateLimit();
        this.anonymousWrites = limit("anonymous-writes", limits.anonymousWrites());
        this.login = limit("login", limits.login());
        this.failedLogin = limit("failed-login", limits.failedLogin());
    }

    public RateLimit anonymousWrites() {
        return anonymousWrites;
    }

    public RateLimit login() {
        return login;
    }

    public RateLimit failedLogin() {
        return failedLogin;
    }

    private static RateLimit limit(String name, GatewayConfig.Limit limit) {
        return new RateLimit(name, limit.requests(), limit.period());
    }
}
