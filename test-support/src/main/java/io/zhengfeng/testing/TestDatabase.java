package io.zhengfeng.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The real MySQL-protocol server every test talks to. Each service gets its own database on it,
 * created if missing. Unreachable means failure with instructions, never a skipped test.
 */
public final class TestDatabase {
    /** Base JDBC URL without a database; override with ZF_TEST_DB_URL. */
    private static final String LOCAL_URL = env("ZF_TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306");
    private static final String LOCAL_USER = env("ZF_TEST_DB_USER", "root");
    private static final String LOCAL_PASSWORD = env("ZF_TEST_DB_PASSWORD", "");
    /** Appended to every test database name (ZF_TEST_DB_SUFFIX), so two checkouts can test at once. */
    private static final String SUFFIX = env("ZF_TEST_DB_SUFFIX", "");

    private static MySQLContainer container;

    public record Coordinates(String url, String user, String password) {
    }

    /** Makes sure {@code database} exists and returns how to reach it. */
    public static synchronized Coordinates database(String name) {
        String database = name.endsWith(SUFFIX) ? name : name + SUFFIX;
        String base;
        String user;
        String password;
        if (TestInfrastructure.useContainers()) {
            if (container == null) {
                container = new MySQLContainer("mysql:8.4");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            }
            base = "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306);
            user = "root";
            password = container.getPassword();
        } else {
            base = LOCAL_URL;
            user = LOCAL_USER;
            password = LOCAL_PASSWORD;
        }
        createIfMissing(base, user, password, database);
        return new Coordinates(base + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true", user, password);
    }

    /**
     * A connection of its own to the database the service under test is configured with: outside
     * the application's pool and transactions (for reading raw columns, or contending for its locks).
     */
    public static Connection serviceConnection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Drops and recreates {@code database}: for system tests whose services migrate it themselves. */
    public static synchronized Coordinates fresh(String name) {
        String database = name.endsWith(SUFFIX) ? name : name + SUFFIX;
        Coordinates c = database(database);
        String base = c.url().substring(0, c.url().lastIndexOf('/'));
        try (Connection conn = DriverManager.getConnection(base + "/?useSSL=false&allowPublicKeyRetrieval=true", c.user(), c.password());
                Statement s = conn.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop " + database + ": " + e.getMessage(), e);
        }
        return database(database);
    }

    private static void createIfMissing(String base, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(base + "/?useSSL=false&allowPublicKeyRetrieval=true", user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    The tests need a real MySQL-protocol database and could not reach %s as %s: %s
                    Start the local MariaDB with `service mariadb start` (or set ZF_TEST_DB_URL,
                    ZF_TEST_DB_USER, ZF_TEST_DB_PASSWORD to a MySQL 8.4 / MariaDB 10.11+ server),
                    or run a Docker engine so Testcontainers can start MySQL 8.4.""".formatted(base, user, e.getMessage()), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private TestDatabase() {
    }
}
