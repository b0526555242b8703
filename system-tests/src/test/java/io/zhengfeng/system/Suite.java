package io.zhengfeng.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zhengfeng.testing.TestDatabase;
import io.zhengfeng.testing.TestKafka;

/**
 * complaint-service, notification-service, inspection-service and the gateway as separate processes, on fresh databases
 * of the real server and one real Kafka broker (in this JVM), as ./run.sh starts them.
 */
final class Suite implements AutoCloseable {
    // ZF_IT_START_SECONDS: more on a machine busy with other builds
    static final Duration START = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("ZF_IT_START_SECONDS", "90")));

    final TestDatabase.Coordinates complaintDb;
    final TestDatabase.Coordinates notificationDb;
    final TestDatabase.Coordinates gatewayDb;
    final TestDatabase.Coordinates surveyDb;
    final TestDatabase.Coordinates inspectionDb;
    final String kafka = TestKafka.bootstrapServers();
    final ServiceProcess complaints;
    final ServiceProcess notifications;
    final ServiceProcess gateway;
    final ServiceProcess surveys;
    final ServiceProcess inspections;
    /** Further notification-service processes on the same database, started by a test. */
    private final List<ServiceProcess> replicas = new ArrayList<>();
    /** In a replicated suite, the second complaint-service and notification-service behind the gateway. */
    final ServiceProcess complaintReplica;
    final ServiceProcess notificationReplica;

    Suite() throws Exception {
        this(false);
    }

    /**
     * With {@code replicated}, complaint-service and notification-service run twice each (same
     * databases, same broker) and the gateway is given both URLs of each; every process of those two
     * services logs each request it serves ({@code served <method> <path> <status>}).
     * survey-service and inspection-service are not started.
     */
    Suite(boolean replicated) throws Exception {
        complaintDb = TestDatabase.fresh("zf_it_complaint");
        notificationDb = TestDatabase.fresh("zf_it_notification");
        gatewayDb = TestDatabase.fresh("zf_it_gateway");
        surveyDb = TestDatabase.fresh("zf_it_survey");
        surveys = new ServiceProcess("survey-service", env(surveyDb));
        inspectionDb = TestDatabase.fresh("zf_it_inspection");
        complaints = new ServiceProcess("complaint-service", served(replicated, env(complaintDb)));
        notifications = new ServiceProcess("notification-service", served(replicated, env(notificationDb)));
        inspections = new ServiceProcess("inspection-service", env(inspectionDb));
        complaintReplica = replicated ? replica(new ServiceProcess("complaint-service", served(true, env(complaintDb)))) : null;
        notificationReplica = replicated
                ? replica(new ServiceProcess("notification-service", served(true, env(notificationDb)))) : null;
        Map<String, String> gatewayEnv = new java.util.HashMap<>(env(gatewayDb));
        gatewayEnv.put("ZF_COMPLAINT_URL", complaints.url() + (replicated ? "," + complaintReplica.url() : ""));
        gatewayEnv.put("ZF_NOTIFICATION_URL", notifications.url() + (replicated ? "," + notificationReplica.url() : ""));
        gatewayEnv.put("ZF_SURVEY_URL", surveys.url());
        gatewayEnv.put("ZF_INSPECTION_URL", inspections.url());
        // One load generator on loopback would hit the per-IP anonymous write limit and the quota at once.
        gatewayEnv.put("ZF_RATE_ANONYMOUS_WRITES", "1000000");
        gatewayEnv.put("ZF_CLIENT_QUOTA", "1000000");
        gateway = new ServiceProcess("gateway", gatewayEnv);
        // Replicated, the suite is the complaint flow only: survey- and inspection-service stay down.
        List<ServiceProcess> started = new ArrayList<>(List.of(complaints, notifications));
        if (!replicated) {
            started.addAll(List.of(surveys, inspections));
        }
        started.add(gateway);
        Duration start = replicated ? START.multipliedBy(2) : START; // six JVMs on a shared machine
        try {
            for (ServiceProcess process : started) {
                process.start();
            }
            for (ServiceProcess process : started) {
                process.awaitReady(start);
            }
            // second replicas join a running service, as in a rolling deployment (schema and topics in place)
            for (ServiceProcess replica : replicas) {
                replica.start();
            }
            for (ServiceProcess replica : replicas) {
                replica.awaitReady(start);
            }
        } catch (Exception | Error e) {
            close(); // one service failed to start: the others must not outlive the test JVM
            throw e;
        }
    }

    /** Same port, same database: the restart after a crash. */
    void restartNotifications() throws Exception {
        notifications.start();
        notifications.awaitReady(START);
    }

    /** Starts another notification-service on the same database and broker, with extra settings. */
    ServiceProcess startNotificationReplica(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env(notificationDb));
        env.putAll(extraEnv);
        ServiceProcess replica = new ServiceProcess("notification-service", env);
        replicas.add(replica);
        replica.start();
        return replica;
    }

    /** Starts another complaint-service on the same database and broker (a second replica). */
    ServiceProcess startComplaintReplica() throws Exception {
        ServiceProcess replica = new ServiceProcess("complaint-service", env(complaintDb));
        replicas.add(replica);
        replica.start();
        return replica;
    }

    private ServiceProcess replica(ServiceProcess process) {
        replicas.add(process);
        return process;
    }

    /** Quarkus's access log, one line per request served, so a test can tell which replica served. */
    private static Map<String, String> served(boolean replicated, Map<String, String> env) {
        if (!replicated) {
            return env;
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        all.put("QUARKUS_HTTP_ACCESS_LOG_PATTERN", "served %m %U %s");
        return all;
    }

    private Map<String, String> env(TestDatabase.Coordinates db) {
        return Map.of("QUARKUS_PROFILE", "local",
                "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                "ZF_DB_USER", db.user(), "ZF_DB_PASSWORD", db.password(),
                "ZF_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers());
    }

    static List<Object[]> query(TestDatabase.Coordinates db, String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        List<Thread> stopping = new ArrayList<>();
        List<ServiceProcess> all = new ArrayList<>(replicas);
        all.addAll(List.of(gateway, notifications, complaints, surveys, inspections));
        for (ServiceProcess p : all) {
            Thread t = new Thread(() -> {
                try {
                    p.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
    }
}
