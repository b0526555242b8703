package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/** Bad tokens stop at the gateway; good ones and anonymous requests go through untouched. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class EdgeAuthenticationTest {
    private static FakeService surveys;

    @BeforeAll
    static void startUpstream() {
        surveys = FakeService.of("survey-service").start();
    }

    @AfterAll
    static void stopUpstream() {
        surveys.close();
    }

    @Test
    void forgedTokenIsRefusedAndNeverReachesTheService() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair mallory = generator.generateKeyPair();
        String forged = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).upn("mallory")
                .groups("admin").expiresIn(Duration.ofMinutes(5)).sign(mallory.getPrivate());
        assertRefusedAtTheEdge(forged);
    }

    @Test
    void expiredTokenIsRefusedAndNeverReachesTheService() {
        assertRefusedAtTheEdge(TestTokens.expired("handler-land", "handler"));
    }

    @Test
    void wrongIssuerTokenIsRefusedAndNeverReachesTheService() {
        assertRefusedAtTheEdge(TestTokens.wrongIssuer("handler-land", "handler"));
    }

    @Test
    void validTokenReachesTheServiceWithAuthorizationUnchanged() {
        for (String authorization : List.of(Logins.bearer("inspector"), TestTokens.bearer("someone", "inspector", null))) {
            String marker = UUID.randomUUID().toString();
            given().header("Authorization", authorization).header("X-Test-Marker", marker)
                    .get("/api/surveys/mine")
                    .then().statusCode(200).body("service", equalTo("survey-service"));
            List<FakeService.Received> received = surveys.marked(marker);
            assertEquals(1, received.size());
            assertEquals(authorization, received.get(0).header("Authorization"));
        }
    }

    @Test
    void anonymousRequestPassesThrough() {
        String marker = UUID.randomUUID().toString();
        given().header("X-Test-Marker", marker).get("/api/surveys/public")
                .then().statusCode(200);
        assertEquals(1, surveys.marked(marker).size());
        assertTrue(surveys.marked(marker).get(0).header("Authorization") == null);
    }

    private static void assertRefusedAtTheEdge(String token) {
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer " + token).header("X-Test-Marker", marker)
                .body("{}").post("/api/surveys/anything")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("type", equalTo("urn:zhengfeng:problem:unauthorized"))
                .body("status", equalTo(401));
        assertEquals(List.of(), surveys.marked(marker));
    }
}
