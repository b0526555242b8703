package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zhengfeng.gateway.account.PasswordPolicy;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Guessing at the login and the password policy (issue 11, "Login and guessing"). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class LoginGuessingTest {

    @Test
    void parallelGuessesAreCountedBeforeThePasswordCheckSoOnlyTheFreeOnesGetThrough() throws Exception {
        int parallel = 24;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            String guess = "guess-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return given().contentType(ContentType.JSON).body(Map.of("username", "head-land", "password", guess))
                        .post("/api/auth/token").statusCode();
            }));
        }
        go.countDown();
        int checked = 0;
        int refused = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            if (status == 401) {
                checked++;
            } else if (status == 429) {
                refused++;
            }
        }
        pool.shutdown();
        System.out.printf("[login] %d parallel guesses: %d checked (401), %d refused unchecked (429)%n", parallel, checked, refused);
        assertEquals(5, checked, "only the free attempts reach the password check");
        assertEquals(parallel - 5, refused);
        // the right password is refused too while the backoff runs: it cannot tell guesses apart
        given().contentType(ContentType.JSON).body(Map.of("username", "head-land", "password", "demo"))
                .post("/api/auth/token").then().statusCode(429).header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThan(0));
        // a colleague at the same address is not locked out
        Logins.token("handler-land");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsA400NamingItNeverA500() {
        for (String password : List.of("x".repeat(73), "政风行风民主评议的口令".repeat(3))) {
            given().contentType(ContentType.JSON).body(Map.of("username", "inspector", "password", password))
                    .post("/api/auth/token").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("password"));
        }
        given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(account("long-" + UUID.randomUUID().toString().substring(0, 6), "长".repeat(30)))
                .post("/api/auth/accounts").then().statusCode(400).body("errors[0].field", equalTo("password"));
    }

    @Test
    void thePolicyRefusesCommonShortAndUsernamePasswords() {
        String username = "policy-" + UUID.randomUUID().toString().substring(0, 6);
        for (String weak : List.of("1q2w3e4r5t6y", "QWERTY123456", "short-one", username + "-2026!")) {
            given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                    .body(account(username, weak)).post("/api/auth/accounts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("password"));
        }
        given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(account(username, "river otter lantern 7")).post("/api/auth/accounts").then().statusCode(201);
    }

    @Test
    void theShippedListHoldsTheThousandMostCommonPasswords() {
        PasswordPolicy policy = new PasswordPolicy();
        for (String common : List.of("123456", "password", "qwerty", "1qaz2wsx3edc", "111222tianya")) {
            assertEquals(true, policy.isCommon(common), common);
        }
        assertEquals(false, policy.isCommon("river otter lantern 7"));
    }

    private static Map<String, Object> account(String username, String password) {
        return Map.of("username", username, "displayName", "x", "password", password,
                "roles", List.of("supervisor"));
    }
}
