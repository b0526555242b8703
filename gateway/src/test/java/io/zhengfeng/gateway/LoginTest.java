package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class LoginTest {

    @Test
    void issuesATokenCarryingRolesAndDepartmentThatTheSuiteAccepts() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("username", "handler-planning", "password", "demo"))
                .post("/api/auth/token");
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600));
        String token = response.path("access_token");

        JsonObject claims = Logins.claims(token);
        assertEquals(TestTokens.ISSUER, claims.getString("iss"));
        assertEquals("zhengfeng", claims.getValue("aud") instanceof String s ? s : claims.getJsonArray("aud").getString(0));
        assertEquals("handler-planning", claims.getString("upn"));
        assertEquals("handler-planning", claims.getString("sub"));
        assertEquals("handler", claims.getJsonArray("groups").getString(0));
        assertEquals("planning", claims.getString("dept"));
        assertTrue(claims.containsKey("jti"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));

        // verified by SmallRye JWT with the suite's verification settings
        given().header("Authorization", "Bearer " + token).get("/api/auth/me")
                .then().statusCode(200)
                .body("username", equalTo("handler-planning"))
                .body("department", equalTo("planning"));
    }

    @Test
    void accountsWithoutDepartmentGetNoDeptClaim() {
        assertFalse(Logins.claims(Logins.token("leader")).containsKey("dept"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameProblem() {
        Response wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("username", "inspector", "password", "not-the-password"))
                .post("/api/auth/token");
        Response unknownUser = given().contentType(ContentType.JSON)
                .body(Map.of("username", "nobody-at-all", "password", "demo"))
                .post("/api/auth/token");
        for (Response r : new Response[] { wrongPassword, unknownUser }) {
            r.then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:zhengfeng:problem:invalid-credentials"))
                    .body("detail", equalTo("The username or password is wrong"))
                    .body("requestId", notNullValue());
        }
    }

    @Test
    void unknownJsonFieldIsRefusedNamingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "inspector", "password", "demo", "rememberMe", true))
                .post("/api/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("rememberMe"));
    }

    @Test
    void missingPasswordIsRefusedNamingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "inspector"))
                .post("/api/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void repeatedFailuresAreThrottledPerUsernameAndAddress() {
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", "supervisor", "password", "guess-" + i))
                    .post("/api/auth/token")
                    .then().statusCode(401);
        }
        // even the right password is refused now: the throttle does not tell guesses apart
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "supervisor", "password", "demo"))
                .post("/api/auth/token")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:zhengfeng:problem:too-many-requests"));
        // another account from the same address is not affected
        Logins.token("leader");
    }
}
