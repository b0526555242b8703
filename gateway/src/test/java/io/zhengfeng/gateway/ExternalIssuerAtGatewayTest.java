package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.testing.ExternalIdentityProvider.ADMIN;
import static io.zhengfeng.testing.ExternalIdentityProvider.OFFICER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.zhengfeng.testing.ExternalIdentityProvider;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * A bureau's identity provider plugged in by configuration (issuer + JWKS URL + claim names): its
 * tokens are accepted at the gateway's own endpoints and on proxied routes with the mapped roles
 * and department, the gateway's own tokens still are, and a token of that issuer signed with an
 * unpublished key, or signed with its key but naming another issuer, is a 401. No token is accepted
 * once older than the maximum age (8 h), even before it expires.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
@QuarkusTestResource(ExternalIdentityProvider.class)
class ExternalIssuerAtGatewayTest {
    private static FakeService surveys;

    @Inject
    JWTParser parser;

    @BeforeAll
    static void startUpstream() {
        surveys = FakeService.of("survey-service").start();
    }

    @AfterAll
    static void stopUpstream() {
        surveys.close();
    }

    @Test
    void aTokenOfTheExternalIssuerCarriesItsMappedRolesAndDepartment() throws ParseException {
        JsonWebToken jwt = parser.parse(ExternalIdentityProvider.token("li.ming", OFFICER, "planning"));
        assertEquals("li.ming", jwt.getName());
        assertEquals(Set.of("handler"), jwt.getGroups(), "complaint-officer maps onto handler, offline_access onto nothing");
        assertEquals("planning", jwt.getClaim("dept").toString());
        assertTrue(ExternalIdentityProvider.jwksRequests() > 0, "the keys were fetched from the JWKS server");
    }

    @Test
    void anExternalAdminIsAdminAtTheGatewaysOwnEndpointsAndAnExternalHandlerIsNot() {
        given().auth().oauth2(ExternalIdentityProvider.token("wang.admin", ADMIN, null))
                .get("/api/auth/accounts").then().statusCode(200);
        given().auth().oauth2(ExternalIdentityProvider.token("li.ming", OFFICER, "planning"))
                .get("/api/auth/accounts").then().statusCode(403);
        // the suite's own tokens are still accepted beside the provider's
        given().header("Authorization", Logins.bearer("admin")).get("/api/auth/accounts").then().statusCode(200);
    }

    @Test
    void anExternalTokenIsProxiedUnchanged() {
        String authorization = "Bearer " + ExternalIdentityProvider.token("li.ming", OFFICER, "planning");
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", authorization).header("X-Test-Marker", marker)
                .get("/api/surveys/mine").then().statusCode(200);
        List<FakeService.Received> received = surveys.marked(marker);
        assertEquals(1, received.size());
        assertEquals(authorization, received.get(0).header("Authorization"));
    }

    @Test
    void theSameClaimsSignedWithAnUnpublishedKeyGet401() {
        assertRefused(ExternalIdentityProvider.signedWithUnknownKey("wang.admin", ADMIN, null));
    }

    @Test
    void theProvidersKeyNamingAnotherIssuerGets401() {
        assertRefused(ExternalIdentityProvider.withIssuer(TestTokens.ISSUER, "wang.admin", ADMIN, null));
        assertRefused(ExternalIdentityProvider.withIssuer("https://idp.elsewhere.test/realms/x", "wang.admin", ADMIN, null));
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedThoughItHasNotExpired() {
        Instant nineHoursAgo = Instant.now().minus(Duration.ofHours(9));
        Instant sevenHoursAgo = Instant.now().minus(Duration.ofHours(7));
        assertRefused(TestTokens.issuedAt("old-admin", "admin", nineHoursAgo, Duration.ofHours(10)));
        assertRefused(ExternalIdentityProvider.token("wang.admin", ADMIN, null, nineHoursAgo, Duration.ofHours(24)));
        assertThrows(ParseException.class, () -> parser.parse(TestTokens.issuedAt("old-admin", "admin", nineHoursAgo, Duration.ofHours(10))));
        // younger than the maximum age: accepted, so the age is what refused the others
        given().auth().oauth2(TestTokens.issuedAt("old-admin", "admin", sevenHoursAgo, Duration.ofHours(10)))
                .get("/api/auth/accounts").then().statusCode(200);
        given().auth().oauth2(ExternalIdentityProvider.token("wang.admin", ADMIN, null, sevenHoursAgo, Duration.ofHours(24)))
                .get("/api/auth/accounts").then().statusCode(200);
    }

    /** Refused at the gateway's own endpoint and on a proxied route, which it never reaches. */
    private static void assertRefused(String token) {
        given().auth().oauth2(token).get("/api/auth/accounts").then().statusCode(401);
        String marker = UUID.randomUUID().toString();
        given().auth().oauth2(token).header("X-Test-Marker", marker).get("/api/surveys/mine")
                .then().statusCode(401).body("status", equalTo(401));
        assertEquals(List.of(), surveys.marked(marker));
    }
}
