package io.zhengfeng.gateway;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhengfeng.testing.FreePorts;

/**
 * One more route, {@code /api/replicated} to {@code replicated-service} on two ports (two replicas),
 * with a cool-down far longer than a test: a replica passed over stays passed over until a readiness
 * probe finds it ready.
 */
public class ReplicaPorts implements QuarkusTestResourceLifecycleManager {
    static final String SERVICE = "replicated-service";

    @Override
    public Map<String, String> start() {
        String route = "zhengfeng.gateway.routes." + SERVICE;
        return Map.of(route + ".prefixes", "/api/replicated",
                route + ".upstream", "http://127.0.0.1:" + FreePorts.next() + ",http://127.0.0.1:" + FreePorts.next(),
                "zhengfeng.gateway.upstream.cool-down", "1h");
    }

    @Override
    public void stop() {
    }
}
