package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
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
 * token is accepted by complaint-service.
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
            gatewayEnv.put("ZF_FIRST_ADMIN_USERNAME", "root-admin");
            gatewayEnv.put("ZF_METRICS_TOKEN", "scrape-token-0123456789");
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
                // Swagger UI is not served outside local; metrics only with the scraper's token
                assertEquals(404, gateway.status("/q/swagger-ui/"));
                assertEquals(404, complaints.status("/q/metrics"), "no ZF_METRICS_TOKEN: no metrics");
                assertEquals(401, gateway.status("/q/metrics"));
                given().baseUri(gateway.url()).auth().oauth2("wrong").get("/q/metrics").then().statusCode(401);
                given().baseUri(gateway.url()).auth().oauth2("scrape-token-0123456789").get("/q/metrics").then().statusCode(200);
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
