package io.zhengfeng.system;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Calls through the gateway, as a front end makes them; one suite per test JVM. */
final class SuiteClient {
    static final String PHONE = "13812341234";
    private static Suite suite;

    static synchronized Suite suite() throws Exception {
        if (suite == null) {
            suite = new Suite();
            Suite started = suite;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is going anyway
                }
            }));
        }
        return suite;
    }

    static RequestSpecification gateway() {
        return given().baseUri(suite.gateway.url()).contentType("application/json");
    }

    static RequestSpecification as(String token) {
        return gateway().header("Authorization", "Bearer " + token);
    }

    static void act(String token, String id, String action, String json) {
        RequestSpecification r = as(token);
        if (json != null) {
            r = r.body(json);
        }
        r.post("/api/complaints/" + id + "/" + action).then().statusCode(200);
    }

    static void citizen(String code, String id, String action, String json) {
        gateway().header("X-Access-Code", code).body(json).post("/api/complaints/" + id + "/" + action).then().statusCode(200);
    }

    static String login(String username) {
        return login(username, "demo");
    }

    static String login(String username, String password) {
        return gateway().body(java.util.Map.of("username", username, "password", password)).post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static Response submit(String channel) {
        return gateway().body(body(channel)).post("/api/complaints").then().statusCode(201).extract().response();
    }

    static String body(String channel) {
        return """
                {"kind":"complaint","channel":"%s","category":"urban_planning",
                 "content":"小区门口有人搭建违章建筑，占用消防通道。","contact":{"name":"张三","phone":"%s"}}
                """.formatted(channel, PHONE);
    }

    private SuiteClient() {
    }
}
