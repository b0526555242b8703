package io.zhengfeng.platform.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, read from the verified JWT; anonymous when no token was sent. */
@RequestScoped
public class CurrentUser {
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    public CurrentUser(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** "anonymous" for citizens without a token. */
    public String username() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public Optional<String> department() {
        if (identity.isAnonymous() || jwt == null || jwt.getRawToken() == null) {
            return Optional.empty();
        }
        Object dept = jwt.getClaim(Roles.DEPT_CLAIM);
        return Optional.ofNullable(dept).map(Object::toString).map(s -> s.replace("\"", ""));
    }
}
