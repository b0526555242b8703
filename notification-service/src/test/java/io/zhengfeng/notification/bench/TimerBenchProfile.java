package io.zhengfeng.notification.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * The timer benchmark's own Quarkus boot: its own database ({@value #DATABASE}), so a million timers
 * never meet the tests, and the production settings the test profile changes restored (500 ms poll,
 * escalation one working day after the deadline, no digest, INFO logs).
 */
public class TimerBenchProfile implements QuarkusTestProfile {
    public static final String DATABASE = "zf_notification_bench";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "zhengfeng.notification.timers.poll-interval", "500ms",
                // %test sets a 3 s escalation; empty = unset = production's working-day escalation
                "zhengfeng.notification.ladder.escalation-delay", "",
                "zhengfeng.notification.digest.enabled", "false",
                "quarkus.log.category.\"io.zhengfeng\".level", "INFO");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(BenchFiringObserver.class);
    }

    /**
     * The other test classes' class-level {@code @QuarkusTestResource}s are global: without this they
     * would start too, and which one's {@code quarkus.datasource.jdbc.url} wins (and gets Flyway's
     * clean-at-start) would be up to the merge order. Only this profile's resource starts.
     */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealInfrastructureResource.class, Map.of("database", DATABASE)));
    }
}
