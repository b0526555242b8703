package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * A service of two replicas behind the gateway (two real HTTP servers): taken in turn, a
 * stopped or unready one stepped around, a request that reached one never sent to the other.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
@QuarkusTestResource(value = ReplicaPorts.class, restrictToAnnotatedClass = true)
class ReplicasTest {
    private FakeService first;
    private FakeService second;

    @BeforeEach
    void bothReplicasInRotation() {
        first = FakeService.replica(ReplicaPorts.SERVICE, 0).start();
        second = FakeService.replica(ReplicaPorts.SERVICE, 1);
    }

    @AfterEach
    void stopReplicas() {
        first.close();
        second.close();
    }

    @Test
    void requestsAreTakenByTheReplicasInTurn() {
        second.start();
        suiteHealth(); // both found ready: both in rotation, whatever an earlier test left

        String marker = send("GET", 10, 200);

        assertEquals(5, first.marked(marker).size());
        assertEquals(5, second.marked(marker).size());
    }

    @Test
    void aStoppedReplicaIsSteppedAroundForItsCoolDownAndEveryRequestSucceeds() {
        second.start();
        suiteHealth();
        second.close();

        String whileStopped = send("POST", 10, 201); // the one whose turn it was is refused: sent to the other, once
        assertEquals(10, first.marked(whileStopped).size());

        second.start();
        String coolingDown = send("POST", 4, 201);
        assertEquals(4, first.marked(coolingDown).size());
        assertEquals(0, second.marked(coolingDown).size(), "passed over until the cool-down ends or it is found ready");

        Map<String, String> health = suiteHealth();
        assertEquals("UP", health.get(ReplicaPorts.SERVICE + "@http://127.0.0.1:" + first.port()));
        assertEquals("UP", health.get(ReplicaPorts.SERVICE + "@http://127.0.0.1:" + second.port()));
        String back = send("POST", 4, 201);
        assertEquals(2, second.marked(back).size());
    }

    @Test
    void aReplicaThatFailsItsReadinessIsReportedAndPassedOver() {
        second.on("/q/health/ready", ctx -> ctx.response().setStatusCode(503).end()).start();

        Map<String, String> health = suiteHealth();

        assertEquals("UP", health.get(ReplicaPorts.SERVICE + "@http://127.0.0.1:" + first.port()));
        assertEquals("DOWN (HTTP 503)", health.get(ReplicaPorts.SERVICE + "@http://127.0.0.1:" + second.port()));
        String marker = send("GET", 6, 200);
        assertEquals(6, first.marked(marker).size());
        assertEquals(0, second.marked(marker).size());
    }

    @Test
    void aPostThatReachedAReplicaIsNotSentToTheOtherWhenItBreaksOff() {
        second.on("/api/replicated/*", ctx -> ctx.request().connection().close()).start();
        suiteHealth();

        List<Integer> statuses = new java.util.ArrayList<>();
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 4; i++) {
            statuses.add(given().header("X-Test-Marker", marker).body("{}").contentType("application/json")
                    .post("/api/replicated").statusCode());
        }

        assertEquals(2, second.marked(marker).size());
        assertEquals(2, first.marked(marker).size(), "the two that broke off were not sent again");
        assertEquals(List.of(201, 201, 502, 502), statuses.stream().sorted().toList());
    }

    private static String send(String method, int times, int status) {
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < times; i++) {
            var request = given().header("X-Test-Marker", marker);
            if (method.equals("POST")) {
                request.body("{}").contentType("application/json").post("/api/replicated").then().statusCode(status);
            } else {
                request.get("/api/replicated/c-" + i).then().statusCode(status);
            }
        }
        return marker;
    }

    /** The suite probe's per-replica report (the other services are not running here). */
    private static Map<String, String> suiteHealth() {
        return given().get("/q/health/group/suite").then().extract().jsonPath().getMap("checks[0].data");
    }
}
