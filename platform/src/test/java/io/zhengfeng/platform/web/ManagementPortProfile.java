package io.zhengfeng.platform.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.zhengfeng.testing.FreePorts;

/**
 * The test build as the packaged jars are built: with the management interface (the test profile
 * turns it off for every other test), on a free port of its own.
 */
public class ManagementPortProfile implements QuarkusTestProfile {
    static final int PORT = FreePorts.next();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.management.enabled", "true",
                "quarkus.management.test-port", Integer.toString(PORT),
                "zhengfeng.management.also-on-main-port", "false");
    }

    static String url() {
        return "http://127.0.0.1:" + PORT;
    }

    /** The local profile's arrangement: the management port, and health and metrics on the main port too. */
    public static class AlsoOnMainPort extends ManagementPortProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("zhengfeng.management.also-on-main-port", "true");
            return config;
        }
    }
}
