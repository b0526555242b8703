package io.zhengfeng.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.zhengfeng.gateway.ratelimit.LoginBackoff;
import io.zhengfeng.gateway.ratelimit.RateLimit;

/** The backoff doubles per failure up to its maximum; a success starts afresh. */
class LoginBackoffTest {

    @Test
    void waitsDoubleAfterTheFreeAttemptsUpToTheMaximum() {
        LoginBackoff backoff = new LoginBackoff(3, Duration.ofSeconds(10), Duration.ofSeconds(60));
        for (int i = 0; i < 2; i++) {
            assertTrue(backoff.reserve("a|1").allowed());
        }
        assertTrue(backoff.reserve("a|1").allowed()); // the third reserves and starts the first wait
        RateLimit.Verdict refused = backoff.reserve("a|1");
        assertFalse(refused.allowed());
        assertTrue(refused.retryAfterSeconds() <= 10 && refused.retryAfterSeconds() >= 9, refused.toString());
        assertTrue(backoff.reserve("a|2").allowed(), "another address is not affected");
        assertTrue(backoff.reserve("b|1").allowed(), "another account is not affected");
        backoff.succeeded("a|1");
        assertTrue(backoff.reserve("a|1").allowed());
    }

    @Test
    void backoffStepsDouble() throws Exception {
        LoginBackoff backoff = new LoginBackoff(1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        var method = LoginBackoff.class.getDeclaredMethod("backoff", int.class);
        method.setAccessible(true);
        assertEquals(Duration.ofSeconds(1), method.invoke(backoff, 0));
        assertEquals(Duration.ofSeconds(2), method.invoke(backoff, 1));
        assertEquals(Duration.ofSeconds(4), method.invoke(backoff, 2));
        assertEquals(Duration.ofSeconds(5), method.invoke(backoff, 3));
        assertEquals(Duration.ofSeconds(5), method.invoke(backoff, 40));
    }
}
