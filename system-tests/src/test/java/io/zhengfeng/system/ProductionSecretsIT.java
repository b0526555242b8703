package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.zhengfeng.testing.TestDatabase;
import io.zhengfeng.testing.TestKafka;

/**
 * The packaged services in the prod profile (no QUARKUS_PROFILE at all, as a careless deployment
 * would run them): with the committed development secrets each exits at once naming every variable
 * to set; with generated secrets they start, the first admin is created from its variables and its
 * token is accepted by complaint-service; health and metrics answer on the management port only.
 */
class ProductionSecretsIT {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    @Test
    void withTheCommittedSecretsEachServiceExitsNamingTheVariables() throws Exception {
        TestDatabase.Coordinates complaintDb = TestDatabase.fresh("zf_it_prod_complaint");
        TestDatabase.Coordinates gatewayDb = TestDatabase.fresh("zf_it_prod_gateway");
        try (ServiceProcess complaints = new ServiceProcess("complaint-service", prodEnv(complaintDb, Map.of()));
                ServiceProcess gateway = new ServiceProcess("gateway", prodEnv(gatewayDb, Map.of()))) {
            Instant start = Instant.now();
            complaints.start();
            gateway.start();
            assertExitsNaming(complaints, List.of("ZF_JWT_PUBLIC_KEY", "ZF_PII_KEYS", "ZF_ACCESS_CODE_PEPPER"));
            assertExitsNaming(gateway, List.of("ZF_JWT_PUBLIC_KEY", "ZF_JWT_PRIVATE_KEY"));
            System.out.printf("[prod-secrets] both refused and exited within %d ms%n",
                    Duration.between(start, Instant.now()).toMillis());
        }
    }

    @Test
    void withGeneratedSecretsTheyStartAndTheFirstAdminsTokenIsAccepted() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/prod-secrets"));
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Path privateKey = pem(dir.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        Path publicKey = pem(dir.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        byte[] aes = new byte[32];
        new SecureRandom().nextBytes(aes);
        Map<String, String> secrets = Map.of("ZF_JWT_PUBLIC_KEY", publicKey.toAbsolutePath().toString(),
                "ZF_PII_KEYS", "k1:" + Base64.getEncoder().encodeToString(aes), "ZF_PII_ACTIVE_KEY", "k1",
                "ZF_ACCESS_CODE_PEPPER", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(24)),
                // the test issuer, so the only thing wrong with a TestTokens token below is its committed key
                "ZF_JWT_ISSUER", io.zhengfeng.testing.TestTokens.ISSUER);

        TestDatabase.Coordinates complaintDb = TestDatabase.fresh("zf_it_prod_complaint");
        TestDatabase.Coordinates gatewayDb = TestDatabase.fresh("zf_it_prod_gateway");
        try (ServiceProcess complaints = new ServiceProcess("complaint-service", prodEnv(complaintDb, secrets))) {
            Map<String, String> gatewayEnv = new HashMap<>(secrets);
            gatewayEnv.put("ZF_JWT_PRIVATE_KEY", privateKey.toAbsolutePath().toString());
            gatewayEnv.put("ZF_COMPLAINT_URL", complaints.url());
            gatewayEnv.put("ZF_COMPLAINT_HEALTH_URL", complaints.managementUrl());
            gatewayEnv.put("ZF_FIRST_ADMIN_USERNAME", "root-admin");
            gatewayEnv.put("ZF_FIRST_ADMIN_PASSWORD", "Correct horse battery staple 9");
            try (ServiceProcess gateway = new ServiceProcess("gateway", prodEnv(gatewayDb, gatewayEnv))) {
                complaints.start();
                gateway.start();
                complaints.awaitReady(Suite.START);
                gateway.awaitReady(Suite.START);

                given().baseUri(gateway.url()).contentType(ContentType.JSON)
                        .body(Map.of("username", "demo-admin-does-not-exist", "password", "demo"))
                        .post("/api/auth/token").then().statusCode(401);
                String token = given().baseUri(gateway.url()).contentType(ContentType.JSON)
                        .body(Map.of("username", "root-admin", "password", "Correct horse battery staple 9"))
                        .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
                given().baseUri(complaints.url()).auth().oauth2(token).get("/api/complaints")
                        .then().statusCode(200);
                // a token signed with the committed key is not accepted by this production
                given().baseUri(complaints.url()).auth().oauth2(io.zhengfeng.testing.TestTokens.token("root-admin", "admin"))
                        .get("/api/complaints").then().statusCode(401);
                // The public port serves neither Swagger UI nor health nor metrics; the OpenAPI document stays
                for (ServiceProcess service : List.of(complaints, gateway)) {
                    for (String path : List.of("/q/swagger-ui/", "/q/metrics", "/q/health", "/q/health/ready",
                            "/q/health/live", "/q/health/group/suite")) {
                        assertEquals(404, service.status(path), service.name + " " + path + " on the public port");
                    }
                    assertEquals(200, service.status("/q/openapi?format=json"), service.name);
                }
                // ... they are on the management port: readiness, and metrics in Prometheus's text format
                for (ServiceProcess service : List.of(complaints, gateway)) {
                    given().baseUri(service.managementUrl()).get("/q/health/ready")
                            .then().statusCode(200).body("status", equalTo("UP"));
                    String metrics = given().baseUri(service.managementUrl()).accept("text/plain").get("/q/metrics")
                            .then().statusCode(200).contentType(containsString("text/plain"))
                            .extract().asString();
                    assertTrue(metrics.contains("# TYPE jvm_memory_used_bytes gauge"), service.name + ":\n" + metrics);
                    assertEquals(404, service.managementStatus("/q/openapi"), service.name + ": no document there");
                }
                // and the gateway's suite health asks complaint-service on its management port
                given().baseUri(gateway.managementUrl()).get("/q/health/group/suite")
                        .then().body("checks[0].data.complaint-service", equalTo("UP"));
            }
        }
    }

    private static void assertExitsNaming(ServiceProcess service, List<String> variables) throws Exception {
        OptionalInt exit = service.awaitExit(EXIT_WITHIN);
        assertTrue(exit.isPresent(), service.name + " still runs with the committed secrets");
        assertTrue(exit.getAsInt() != 0, service.name + " exited with 0");
        String log = Files.readString(service.log());
        for (String variable : variables) {
            assertTrue(log.contains(variable), service.name + "'s log does not name " + variable + ":\n" + log);
        }
        assertTrue(log.contains("Refusing to start"), log);
    }

    private static Map<String, String> prodEnv(TestDatabase.Coordinates db, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                "ZF_DB_USER", db.user(), "ZF_DB_PASSWORD", db.password(),
                "ZF_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers()));
        env.putAll(extra);
        return env;
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n");
        return file;
    }
}
