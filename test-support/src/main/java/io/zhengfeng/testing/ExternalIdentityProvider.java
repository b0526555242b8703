package io.zhengfeng.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A bureau's identity provider, as far as the suite sees one: its own RSA key pair (not the test
 * keys), whose public half is served as a JWKS by a real HTTP server (the JDK's) on a free loopback
 * port, and tokens shaped like Keycloak's ({@code preferred_username}, roles under
 * {@code realm_access/roles}, the department in {@code org_unit}). Points the service at it through
 * {@code zhengfeng.tokens.external.*}.
 */
public class ExternalIdentityProvider implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://idp.bureau.test/realms/zhengfeng";
    public static final String KEY_ID = "bureau-2026";
    /** The provider's role names, as mapped onto the suite's by {@link #start()}. */
    public static final String ADMIN = "bureau-admin";
    public static final String OFFICER = "complaint-officer";
    public static final String SUPERVISOR = "complaint-supervisor";

    private static final AtomicInteger JWKS_REQUESTS = new AtomicInteger();
    private static volatile RsaJsonWebKey key;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = newKey();
            String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/protocol/openid-connect/certs", exchange -> {
                JWKS_REQUESTS.incrementAndGet();
                byte[] body = jwks.getBytes(UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "zhengfeng.tokens.external.issuer", ISSUER,
                "zhengfeng.tokens.external.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/protocol/openid-connect/certs",
                "zhengfeng.tokens.external.roles-claim", "realm_access/roles",
                "zhengfeng.tokens.external.department-claim", "org_unit",
                "zhengfeng.tokens.external.role-map",
                ADMIN + "=admin," + OFFICER + "=handler," + SUPERVISOR + "=supervisor");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** How often the JWKS was fetched: proof the keys came over HTTP. */
    public static int jwksRequests() {
        return JWKS_REQUESTS.get();
    }

    /** A token of this provider, signed with its JWKS key, issued now for 10 minutes. */
    public static String token(String username, String role, String department) {
        return token(username, role, department, Instant.now(), Duration.ofMinutes(10));
    }

    public static String token(String username, String role, String department, Instant issuedAt, Duration lifetime) {
        return claims(ISSUER, username, role, department, issuedAt, lifetime).jws().keyId(KEY_ID).sign(key.getPrivateKey());
    }

    /** The same claims and key id, signed with a key the provider never published. */
    public static String signedWithUnknownKey(String username, String role, String department) {
        return claims(ISSUER, username, role, department, Instant.now(), Duration.ofMinutes(10)).jws().keyId(KEY_ID)
                .sign(freshPrivateKey());
    }

    /** Signed with the provider's published key, but naming another issuer. */
    public static String withIssuer(String issuer, String username, String role, String department) {
        return claims(issuer, username, role, department, Instant.now(), Duration.ofMinutes(10)).jws().keyId(KEY_ID)
                .sign(key.getPrivateKey());
    }

    private static JwtClaimsBuilder claims(String issuer, String username, String role, String department,
            Instant issuedAt, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject("f81d4fae-" + Math.abs(username.hashCode()))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(role, "offline_access")))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime));
        if (department != null) {
            claims.claim("org_unit", department);
        }
        return claims;
    }

    private static RsaJsonWebKey newKey() throws JoseException {
        RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
        jwk.setKeyId(KEY_ID);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static PrivateKey freshPrivateKey() {
        try {
            return newKey().getPrivateKey();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
