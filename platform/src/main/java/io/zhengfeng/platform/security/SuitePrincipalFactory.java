package io.zhengfeng.platform.security;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's own factory (verify with {@link DefaultJWTTokenParser}, wrap the claims), except that
 * the tokens it makes look a claim's name up in a map. SmallRye's {@code getClaim} asks
 * {@code Claims.valueOf(name)} and catches the exception for every claim the enum does not list, so each
 * read of the suite's own claims ({@code iat_ms} on every request at the gateway's edge, {@code dept})
 * built a stack trace — one exception per proxied request in the gateway's profile.
 */
final class SuitePrincipalFactory extends JWTCallerPrincipalFactory {
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext verified = parser.parse(token, context);
        String type = verified.getJoseObjects().get(0).getHeader("typ");
        return new SuiteToken(type, verified.getJwtClaims());
    }

    /** A verified token whose standard claims are found without an exception for the others. */
    static final class SuiteToken extends DefaultJWTCallerPrincipal {
        private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
                .collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

        SuiteToken(String type, JwtClaims claims) {
            super(type, claims);
        }

        SuiteToken(String rawToken, String type, JwtClaims claims) {
            super(rawToken, type, claims);
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
