package io.zhengfeng.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a @QuarkusTest at the real database and broker. Use with
 * {@code @QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_x_test"))}.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {
    private static volatile TcpProxy databaseProxy;
    private String database = "zf_test";
    private boolean proxied;

    /**
     * The proxy between the service and its database, when the resource was started with
     * {@code @ResourceArg(name = "database-proxy", value = "true")}: a test cuts it to make the
     * database unreachable for the service while the server itself stays up.
     */
    public static TcpProxy databaseProxy() {
        if (databaseProxy == null) {
            throw new IllegalStateException("Start RealInfrastructureResource with database-proxy=true");
        }
        return databaseProxy;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        proxied = Boolean.parseBoolean(initArgs.getOrDefault("database-proxy", "false"));
    }

    @Override
    public Map<String, String> start() {
        TestDatabase.Coordinates db = TestDatabase.database(database);
        String url = db.url();
        if (proxied) {
            // jdbc:mysql://host:port/db?…  →  the same through a loopback proxy
            java.net.URI target = java.net.URI.create(url.substring("jdbc:".length()));
            databaseProxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 3306 : target.getPort());
            url = url.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + databaseProxy.port());
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "zhengfeng.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Broker and database live for the whole JVM: the next test class reuses them.
        if (databaseProxy != null) {
            databaseProxy.close();
            databaseProxy = null;
        }
    }
}
