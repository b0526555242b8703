package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;

import java.util.Base64;
import java.util.Map;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** Logging in as a demo account through the gateway's own endpoint. */
final class Logins {

    static String token(String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "demo"))
                .post("/api/auth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    static String bearer(String username) {
        return "Bearer " + token(username);
    }

    /** The claims of a JWT, read without verifying it (the gateway and services verify). */
    static JsonObject claims(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
    }

    private Logins() {
    }
}
