package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static io.zhengfeng.testing.ExternalIdentityProvider.OFFICER;
import static io.zhengfeng.testing.ExternalIdentityProvider.SUPERVISOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.ExternalIdentityProvider;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * complaint-service called directly accepts a bureau identity provider's tokens (keys from its JWKS
 * over HTTP) with the mapped role and the department from the configured claim — the department
 * decides what a handler sees — while still accepting the suite's own; unpublished key, another
 * issuer or an age over the maximum → 401. The platform's parser is the same in every service.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
@QuarkusTestResource(ExternalIdentityProvider.class)
class ExternalIssuerAtServiceTest {

    @Test
    void anExternalHandlerSeesItsOwnDepartmentsComplaintsAndNoOthers() {
        String id = ComplaintApi.submitAsCitizen("complaint", "urban_planning").id();
        act(spokesperson(), id, "accept", null).statusCode(200);
        act(spokesperson(), id, "assign", "{\"department\":\"planning\"}").statusCode(200);

        List<String> planning = given().auth().oauth2(ExternalIdentityProvider.token("li.ming", OFFICER, "planning"))
                .queryParam("size", 100).get("/api/complaints").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(planning.contains(id), "the planning officer of the provider sees planning's complaint");
        List<String> land = given().auth().oauth2(ExternalIdentityProvider.token("zhao.land", OFFICER, "land"))
                .queryParam("size", 100).get("/api/complaints").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertFalse(land.contains(id), "an officer of another department must not see it");
        given().auth().oauth2(ExternalIdentityProvider.token("li.ming", OFFICER, "planning"))
                .get("/api/complaints/" + id).then().statusCode(200);
        given().auth().oauth2(ExternalIdentityProvider.token("qian.sup", SUPERVISOR, null))
                .get("/api/complaints/" + id).then().statusCode(200);
        // the suite's own token beside the provider's
        ComplaintApi.handler("planning").get("/api/complaints/" + id).then().statusCode(200);
    }

    @Test
    void tokensAreVerifiedOffTheEventLoopSinceTheProvidersKeysComeOverTheNetwork() {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.smallrye-jwt.blocking-authentication", Boolean.class));
    }

    @Test
    void anExternalUsersTokenIsRevokedByItsNameLikeALocalAccounts() throws InterruptedException {
        String username = "rev-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String token = ExternalIdentityProvider.token(username, SUPERVISOR, null);
        given().auth().oauth2(token).get("/api/complaints").then().statusCode(200);
        // what the gateway publishes for an account of that name; its instant is after the token's iat second
        TestEvents.send(Topics.ACCOUNTS, EventTypes.ACCOUNT_TOKENS_REVOKED, "/gateway", username,
                Map.of("username", username, "occurredAt", Instant.now().plusSeconds(1).toString()));
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status;
        while ((status = given().auth().oauth2(token).get("/api/complaints").statusCode()) != 401 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(401, status, "the revoked external token still works after 5 s");
    }

    @Test
    void theSameClaimsSignedWithAnUnpublishedKeyGet401() {
        given().auth().oauth2(ExternalIdentityProvider.signedWithUnknownKey("qian.sup", SUPERVISOR, null))
                .get("/api/complaints").then().statusCode(401);
    }

    @Test
    void theProvidersKeyNamingAnotherIssuerGets401() {
        for (String issuer : List.of(TestTokens.ISSUER, "https://idp.elsewhere.test/realms/x")) {
            given().auth().oauth2(ExternalIdentityProvider.withIssuer(issuer, "qian.sup", SUPERVISOR, null))
                    .get("/api/complaints").then().statusCode(401);
        }
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedThoughItHasNotExpired() {
        Instant nineHoursAgo = Instant.now().minus(Duration.ofHours(9));
        Instant sevenHoursAgo = Instant.now().minus(Duration.ofHours(7));
        given().auth().oauth2(TestTokens.issuedAt("old-sup", "supervisor", nineHoursAgo, Duration.ofHours(10)))
                .get("/api/complaints").then().statusCode(401);
        given().auth().oauth2(ExternalIdentityProvider.token("qian.sup", SUPERVISOR, null, nineHoursAgo, Duration.ofHours(24)))
                .get("/api/complaints").then().statusCode(401);
        given().auth().oauth2(TestTokens.issuedAt("old-sup", "supervisor", sevenHoursAgo, Duration.ofHours(10)))
                .get("/api/complaints").then().statusCode(200);
        given().auth().oauth2(ExternalIdentityProvider.token("qian.sup", SUPERVISOR, null, sevenHoursAgo, Duration.ofHours(24)))
                .get("/api/complaints").then().statusCode(200);
    }
}
