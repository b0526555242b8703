package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Guessing access codes on GET /api/complaints/track/{n} (issue 11, "Login and guessing"). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class TrackGuessingTest {
    private static final int PER_NUMBER = 10;
    private static final int PER_ADDRESS = 60;

    @Test
    void aWrongCodeAndAnUnknownNumberGetTheSameAnswer() {
        var created = ComplaintApi.submitAsCitizen("consultation", "land_management");
        String unknown = "ZF000000-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Response wrongCode = track(created.trackingNumber(), "WRONGCODE2", address());
        Response unknownNumber = track(unknown, "WRONGCODE2", address());
        assertEquals(404, wrongCode.statusCode());
        assertEquals(wrongCode.statusCode(), unknownNumber.statusCode());
        assertEquals(wrongCode.contentType(), unknownNumber.contentType());
        assertEquals(comparable(wrongCode, created.trackingNumber()), comparable(unknownNumber, unknown));
    }

    @Test
    void aTrackingNumberGetsItsAttemptsWhateverTheAddressThenEvenTheRightCodeWaits() {
        var created = ComplaintApi.submitAsCitizen("consultation", "land_management");
        for (int i = 0; i < PER_NUMBER - 1; i++) {
            assertEquals(404, track(created.trackingNumber(), "GUESS" + i, address()).statusCode());
        }
        assertEquals(200, track(created.trackingNumber(), created.accessCode(), address()).statusCode());
        Response refused = track(created.trackingNumber(), created.accessCode(), address());
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0);

        String unknown = "ZF000000-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (int i = 0; i < PER_NUMBER; i++) {
            assertEquals(404, track(unknown, "GUESS" + i, address()).statusCode());
        }
        assertEquals(429, track(unknown, "GUESS", address()).statusCode(), "an unknown number is limited alike");
    }

    @Test
    void anAddressGetsItsAttemptsOverAllNumbers() {
        String address = address();
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertEquals(404, track("ZF000000-" + UUID.randomUUID().toString().substring(0, 6), "GUESS", address).statusCode());
        }
        assertEquals(429, track("ZF000000-" + UUID.randomUUID().toString().substring(0, 6), "GUESS", address).statusCode());
        assertEquals(404, track("ZF000000-" + UUID.randomUUID().toString().substring(0, 6), "GUESS", address()).statusCode(),
                "another address is not affected");
    }

    private static Response track(String number, String code, String address) {
        return given().header("X-Access-Code", code).header("X-Forwarded-For", "198.51.100.250, " + address)
                .get("/api/complaints/track/" + number);
    }

    /** The problem body without what differs by request (its id, instance) and with the number masked. */
    private static Map<String, Object> comparable(Response response, String number) {
        Map<String, Object> body = new java.util.TreeMap<>(response.jsonPath().getMap("$"));
        body.remove("instance");
        body.remove("requestId");
        body.replaceAll((k, v) -> v instanceof String s ? s.replace(number, "<n>") : v);
        return body;
    }

    private static String address() {
        var r = new java.util.Random();
        return "203.0." + r.nextInt(256) + "." + r.nextInt(256);
    }
}
