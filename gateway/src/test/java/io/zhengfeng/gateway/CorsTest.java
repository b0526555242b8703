package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The gateway owns CORS for everything behind it (the test profile allows http://localhost:5173). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class CorsTest {
    private static final String ALLOWED = "http://localhost:5173";
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
    void preflightFromAListedOriginIsAllowed() {
        given().header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options("/api/surveys/s-1/responses")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/surveys/s-1/responses")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void proxiedResponseCarriesTheGatewaysCorsHeadersOnly() {
        Response response = given().header("Origin", ALLOWED).get("/api/surveys/s-1");
        response.then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        // the fake service answers "Access-Control-Allow-Origin: *" itself; the gateway's word wins
        assertEquals(List.of(ALLOWED), response.headers().getValues("Access-Control-Allow-Origin"));
    }
}
