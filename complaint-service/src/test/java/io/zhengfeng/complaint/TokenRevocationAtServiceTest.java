package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TestTokens;

/**
 * complaint-service called directly (not through the gateway) refuses a token once the accounts
 * feed says it was revoked, within 5 s; other accounts' tokens are untouched.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class TokenRevocationAtServiceTest {

    @Test
    void aRevokedAccountsTokenGets401WithinFiveSecondsWhenTheServiceIsCalledDirectly() throws Exception {
        String username = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.token(username, "supervisor");
        String colleague = TestTokens.token("sup-colleague", "supervisor");
        given().auth().oauth2(token).get("/api/complaints").then().statusCode(200);

        // what the gateway publishes when the account is disabled; its instant is after the token's iat second
        JsonObject event = new JsonObject().put("accountId", UUID.randomUUID().toString()).put("username", username)
                .put("displayName", "x").put("roles", Set.of("supervisor")).put("active", false)
                .put("occurredAt", Instant.now().plusSeconds(1).toString());
        Map<String, Object> config = new HashMap<>(TestKafka.clientConfig());
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACCOUNTS, username, event.encode());
            record.headers().add(CloudEventHeaders.TYPE, EventTypes.ACCOUNT_TOKENS_REVOKED.getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
            producer.send(record).get();
        }
        int status = 0;
        while (System.nanoTime() - start < 5_000_000_000L && status != 401) {
            status = given().auth().oauth2(token).get("/api/complaints").statusCode();
            if (status != 401) {
                Thread.sleep(50);
            }
        }
        System.out.printf("[revocation] complaint-service refused the revoked token after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(401, status, "the revoked token still works after 5 s");
        given().auth().oauth2(token).get("/api/complaints").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(colleague).get("/api/complaints").then().statusCode(200);
    }
}
