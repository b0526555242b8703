package io.zhengfeng.gateway;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhengfeng.testing.FreePorts;

/**
 * Every service's health on a free port of its own ({@code health-url}), besides its API's port
 * ({@link UpstreamPorts}), as production runs them: health on the management interface.
 */
public class HealthPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : UpstreamPorts.SERVICES) {
            config.put("zhengfeng.gateway.routes." + service + ".health-url", "http://127.0.0.1:" + FreePorts.next());
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
