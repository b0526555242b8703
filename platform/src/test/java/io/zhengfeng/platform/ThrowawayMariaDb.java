package io.zhengfeng.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhengfeng.testing.FreePorts;
import io.zhengfeng.testing.TestKafka;

/**
 * A MariaDB server of the test's own (STACK-NOTES "Fault drills"): a fresh data directory, a free
 * loopback port, {@code mariadbd} as a child process that the test may SIGKILL and start again. Never
 * the machine's server on 3306. Use with {@code restrictToAnnotatedClass = true}.
 */
public class ThrowawayMariaDb implements QuarkusTestResourceLifecycleManager {
    private static Path dir;
    private static int port;
    private static Process server;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("zf-outage-db");
            port = FreePorts.next();
            run(List.of("chown", "-R", "mysql:mysql", dir.toString()));
            run(List.of("mariadb-install-db", "--no-defaults", "--user=mysql", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            startServer();
            run(List.of("mariadb", "--no-defaults", "-S", dir.resolve("sock").toString(), "-u", "root", "-e",
                    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                            + " GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                            + " CREATE DATABASE zf_platform_outage CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the throwaway MariaDB: " + e, e);
        }
        // Profiled keys: the module's other test classes declare RealInfrastructureResource unrestricted,
        // so its plain keys reach this class too; the %test. form wins over them.
        return Map.of(
                "%test.quarkus.datasource.jdbc.url", url(),
                "%test.quarkus.datasource.username", "root",
                "%test.quarkus.datasource.password", "",
                // the bounds DatabaseOutageTest holds the answers to (production defaults are 5 s each)
                "%test.quarkus.datasource.jdbc.acquisition-timeout", "2S",
                "%test.quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "2000",
                "zhengfeng.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroyForcibly();
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try {
                run(List.of("rm", "-rf", dir.toString()));
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }

    static String url() {
        return "jdbc:mysql://127.0.0.1:" + port + "/zf_platform_outage?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown, InnoDB recovers at the next start. */
    static void kill() throws InterruptedException {
        server.destroyForcibly(); // SIGKILL on Linux
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mariadbd did not die");
        }
    }

    /** Starts it again with the same data directory and port, and waits until it answers. */
    static synchronized void startServer() throws IOException {
        server = new ProcessBuilder("mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("pid"), "--innodb-buffer-pool-size=32M",
                // a lock wait ends in 1 s instead of 50: lets a test meet error 1205 quickly
                "--innodb-lock-wait-timeout=1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + server.exitValue() + ", see " + dir.resolve("mariadbd.log"));
            }
            if (new File(dir.resolve("sock").toString()).exists() && answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("mariadbd did not answer within 60 s");
    }

    private static boolean answers() {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=1000", "root", "")) {
            return c.isValid(1);
        } catch (SQLException e) {
            // root@127.0.0.1 does not exist yet on the very first start: the socket is enough then
            return e.getErrorCode() == 1045 || e.getErrorCode() == 1130;
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
