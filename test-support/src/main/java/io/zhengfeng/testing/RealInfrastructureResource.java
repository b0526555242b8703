package io.zhengfeng.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a @QuarkusTest at the real database and broker. Use with
 * {@code @QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_x_test"))}.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {
    private String database = "zf_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestDatabase.Coordinates db = TestDatabase.database(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.url(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "zhengfeng.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Broker and database live for the whole JVM: the next test class reuses them.
    }
}
