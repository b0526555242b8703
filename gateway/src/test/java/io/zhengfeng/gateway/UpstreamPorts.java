package io.zhengfeng.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhengfeng.testing.FreePorts;

/**
 * Routes the gateway to a free local port per service. The tests then start a real HTTP server
 * ({@link FakeService}) on that port, or deliberately leave it closed to play a service that is down.
 */
public class UpstreamPorts implements QuarkusTestResourceLifecycleManager {
    static final List<String> SERVICES = List.of("complaint-service", "survey-service", "inspection-service",
            "notification-service");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            config.put("zhengfeng.gateway.routes." + service + ".upstream", "http://127.0.0.1:" + FreePorts.next());
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
