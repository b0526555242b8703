package io.zhengfeng.platform.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What every service and the gateway accept as a bearer token besides {@code mp.jwt.verify.*} (the
 * gateway's own tokens): a maximum age, and optionally the tokens of a bureau's own identity
 * provider ({@link SuiteJwtParser}).
 */
@ConfigMapping(prefix = "zhengfeng.tokens")
public interface TokenConfig {

    /** {@code ZF_TOKEN_MAX_AGE}: a token issued ({@code iat}) longer ago is refused whatever its {@code exp}. */
    @WithDefault("8h")
    Duration maxAge();

    External external();

    /** An external OIDC issuer; off while {@link #issuer()} or {@link #jwksUrl()} is unset. */
    interface External {
        /** {@code ZF_OIDC_ISSUER}: the {@code iss} its tokens carry, exactly. */
        Optional<String> issuer();

        /** {@code ZF_OIDC_JWKS_URL}: where its signing keys are published (refreshed by SmallRye JWT). */
        Optional<String> jwksUrl();

        /** {@code ZF_OIDC_AUDIENCE}: the {@code aud} required of its tokens; unset, not checked. */
        Optional<String> audience();

        /** {@code ZF_OIDC_ROLES_CLAIM}: claim (or {@code /}-separated path, e.g. {@code realm_access/roles}) with the roles. */
        @WithDefault("roles")
        String rolesClaim();

        /** {@code ZF_OIDC_DEPARTMENT_CLAIM}: claim holding the department of a handler or department head. */
        @WithDefault("department")
        String departmentClaim();

        /**
         * {@code ZF_OIDC_ROLE_MAP}: {@code external=suite} pairs, comma-separated (e.g.
         * {@code zf-admin=admin,complaint-officer=handler}). Unset: only external roles named exactly
         * like a suite role ({@link Roles}) count. Any other external role is ignored.
         */
        Optional<String> roleMap();
    }
}
