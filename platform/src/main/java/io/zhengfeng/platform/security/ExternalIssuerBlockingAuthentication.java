package io.zhengfeng.platform.security;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * With an external issuer configured, verifying one of its tokens may fetch the JWKS over the
 * network (first use, hourly refresh, unknown {@code kid}): Quarkus must then authenticate on a
 * worker thread, not the event loop. Quarkus decides that from {@code mp.jwt.verify.publickey.location}
 * alone, so this turns {@code quarkus.smallrye-jwt.blocking-authentication} on whenever
 * {@code ZF_OIDC_JWKS_URL} is set and nobody set the property explicitly.
 */
@Priority(Priorities.APPLICATION)
public class ExternalIssuerBlockingAuthentication implements ConfigSourceInterceptor {
    static final String BLOCKING = "quarkus.smallrye-jwt.blocking-authentication";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null && BLOCKING.equals(name) && (isUrl(context.proceed("zhengfeng.tokens.external.jwks-url"))
                || isUrl(context.proceed("ZF_OIDC_JWKS_URL")))) {
            return ConfigValue.builder().withName(name).withValue("true").build();
        }
        return value;
    }

    private static boolean isUrl(ConfigValue value) {
        return value != null && value.getValue() != null && value.getValue().matches("(?i)^https?://.+");
    }
}
