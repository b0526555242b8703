package io.zhengfeng.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Local login. The signing key itself is SmallRye JWT's {@code smallrye.jwt.sign.key.location}
 * ({@code ZF_JWT_PRIVATE_KEY}); verification stays on {@code mp.jwt.verify.*}, so an external
 * identity provider can replace local login by configuration alone.
 */
@ConfigMapping(prefix = "zhengfeng.auth")
public interface AuthConfig {

    /** {@code iss} of the tokens issued here; must equal {@code mp.jwt.verify.issuer}. */
    @WithDefault("https://zhengfeng.local/auth")
    String issuer();

    @WithDefault("zhengfeng")
    String audience();

    @WithDefault("1h")
    Duration tokenLifetime();

    /** {@code kid} header, for verifiers that select the key from a JWKS. */
    Optional<String> keyId();

    /** Creates the demo accounts at startup; set in the local and test profiles only. */
    @WithDefault("false")
    boolean demoAccounts();

    /**
     * The first administrator of a production without demo accounts: created at start-up when both
     * are set and no account exists yet ({@code ZF_FIRST_ADMIN_USERNAME}, {@code ZF_FIRST_ADMIN_PASSWORD}).
     */
    FirstAdmin firstAdmin();

    interface FirstAdmin {
        Optional<String> username();

        Optional<String> password();
    }
}
