package io.zhengfeng.testing;

import static io.restassured.RestAssured.given;

import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;

/** Polls a service's personal-data re-encryption run ({@code GET …/admin/pii-rekey}) until it gets somewhere. */
public final class RekeyProgress {
    private RekeyProgress() {
    }

    /** The run's progress once {@code condition} holds; fails after a minute with the last progress seen. */
    public static JsonPath await(String path, String adminBearer, Predicate<JsonPath> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonPath progress;
        do {
            progress = given().header("Authorization", adminBearer).get(path).then().statusCode(200).extract().jsonPath();
            if (condition.test(progress)) {
                return progress;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the run never got there: " + progress.prettify());
    }
}
