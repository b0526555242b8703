package io.zhengfeng.gateway.account;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * bcrypt through Quarkus's {@link BcryptUtil} (WildFly Elytron underneath): salted, slow on
 * purpose, and never our own crypto. The stored string is Modular Crypt Format ({@code $2a$10$…}).
 */
@ApplicationScoped
public class PasswordHasher {
    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
    public static final int MAX_BYTES = 72;

    /** Checked when the username is unknown, so that answer takes as long as a wrong password. */
    private final String decoy = BcryptUtil.bcryptHash(UUID.randomUUID().toString());

    public String hash(String password) {
        if (password.getBytes(UTF_8).length > MAX_BYTES) {
            throw ProblemException.badField("password", "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        return BcryptUtil.bcryptHash(password);
    }

    /** @param hash null for an unknown user: the decoy is checked instead and the answer is false */
    public boolean matches(String password, String hash) {
        boolean matches = BcryptUtil.matches(password, hash == null ? decoy : hash);
        return hash != null && matches;
    }
}
