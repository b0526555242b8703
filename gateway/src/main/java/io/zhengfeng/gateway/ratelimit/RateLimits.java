package io.zhengfeng.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.gateway.config.GatewayConfig;

/** The gateway's configured limits, one bucket store each. */
@ApplicationScoped
public class RateLimits {
    private final RateLimit anonymousWrites;
    private final RateLimit login;
    private final LoginBackoff failedLogin;
    private final RateLimit addressFailures;

    public RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimits limits = config.rateLimit();
        this.anonymousWrites = limit("anonymous-writes", limits.anonymousWrites());
        this.login = limit("login", limits.login());
        this.failedLogin = new LoginBackoff(limits.failedLogin().requests(), limits.failedLogin().period(),
                limits.failedLogin().maxBackoff());
        this.addressFailures = new RateLimit("address-failures", limits.addressFailures(), limits.addressFailuresPeriod());
    }

    public RateLimit anonymousWrites() {
        return anonymousWrites;
    }

    public RateLimit login() {
        return login;
    }

    public LoginBackoff failedLogin() {
        return failedLogin;
    }

    public RateLimit addressFailures() {
        return addressFailures;
    }

    private static RateLimit limit(String name, GatewayConfig.Limit limit) {
        return new RateLimit(name, limit.requests(), limit.period());
    }
}
