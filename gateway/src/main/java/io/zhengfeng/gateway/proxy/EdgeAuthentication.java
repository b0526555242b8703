package io.zhengfeng.gateway.proxy;

import io.zhengfeng.platform.security.SuiteJwtParser;
import io.zhengfeng.platform.security.TokenRevocations;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.zhengfeng.gateway.web.RouteProblems;

/**
 * Checks a bearer token before it is proxied: signature, issuer, audience, expiry and maximum age,
 * with the verifier every service uses (platform {@code security/SuiteJwtParser}: the gateway's own
 * tokens, and an external OIDC issuer's when one is configured), injected as SmallRye JWT's {@link JWTParser}.
 * A bad token is answered 401 here and never reaches a service; a good one is forwarded unchanged
 * (the service verifies it again and reads its claims). No token: the request goes on anonymously,
 * since citizens have none and each service decides what anonymous callers may do.
 */
@ApplicationScoped
public class EdgeAuthentication implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(EdgeAuthentication.class);
    private static final String BEARER = "bearer ";
    /** Set on the routing context once a bearer token has been verified. */
    public static final String AUTHENTICATED = "zhengfeng.authenticated";

    private final SuiteJwtParser parser;
    private final Vertx vertx;
    private final RouteProblems problems;

    private final TokenRevocations revocations;

    public EdgeAuthentication(SuiteJwtParser parser, Vertx vertx, RouteProblems problems, TokenRevocations revocations) {
        this.revocations = revocations;
        this.parser = parser;
        this.vertx = vertx;
        this.problems = problems;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.next();
            return;
        }
        String token = authorization.substring(BEARER.length()).trim();
        JsonWebToken known = parser.verifiedBefore(token);
        if (known != null) {
            // A session's later calls: recognised on the event loop, no worker hop (revocation still checked).
            decide(ctx, known, null);
            return;
        }
        // The key may come from a remote JWKS (an external IdP): verify off the event loop, body paused.
        ctx.request().pause();
        vertx.executeBlocking(() -> parser.parse(token), false)
                .onComplete(verified -> decide(ctx, verified.result(), verified.cause()));
    }

    private void decide(RoutingContext ctx, JsonWebToken jwt, Throwable failure) {
        if (jwt != null && !revocations.isRevoked(jwt.getName(),
                TokenRevocations.issuedAtMillis(jwt.getClaim(TokenRevocations.ISSUED_AT_MILLIS), jwt.getIssuedAtTime()))) {
            ctx.put(AUTHENTICATED, Boolean.TRUE);
            ctx.next();
            return;
        }
        ctx.request().resume(); // accepted, the proxy resumes the body as it reads it; refused, it is drained
        LOG.debugf("Bearer token refused at the edge: %s",
                jwt != null ? "revoked (account disabled, roles changed or password reset)" : reason(failure));
        ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        problems.send(ctx.response(), 401, "unauthorized", "Unauthorized",
                "The bearer token is invalid, expired or not issued for this suite");
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof ParseException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage();
    }
}
