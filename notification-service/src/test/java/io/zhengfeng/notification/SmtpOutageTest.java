package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.management.OperatingSystemMXBean;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.notification.persistence.DirectoryRepository;
import io.zhengfeng.notification.persistence.SqlInstants;
import io.zhengfeng.platform.security.Roles;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.FreePorts;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * Issue 8's acceptance: an SMTP server that refuses connections while 1,000 e-mails are due. The
 * breaker opens, the backlog is not retried row by row (the process stays under 5 % of a core and
 * no e-mail uses up an attempt), one probe at a time tests the port; when a server answers there,
 * all 1,000 arrive exactly once, in the order they fell due.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
@QuarkusTestResource(value = SmtpOutageTest.RefusingSmtpPort.class, restrictToAnnotatedClass = true)
class SmtpOutageTest {
    private static final int EMAILS = 1000;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final double CPU_BOUND = 0.05;

    /** A loopback port nobody listens on (connection refused) until the test starts GreenMail there. */
    public static class RefusingSmtpPort implements QuarkusTestResourceLifecycleManager {
        static int port;

        @Override
        public Map<String, String> start() {
            port = FreePorts.next();
            // %test. keys win over the plain ones MailAndWebhookReceivers gives every class of the module.
            // The workers poll at their production intervals (the module's tests poll faster), so the CPU
            // measured is what a deployed replica would spend.
            return Map.ofEntries(
                    Map.entry("%test.zhengfeng.notification.delivery.poll-interval", "500ms"),
                    Map.entry("%test.zhengfeng.notification.timers.poll-interval", "500ms"),
                    Map.entry("%test.quarkus.mailer.mock", "false"),
                    Map.entry("%test.quarkus.mailer.host", "127.0.0.1"),
                    Map.entry("%test.quarkus.mailer.port", Integer.toString(port)),
                    Map.entry("%test.quarkus.mailer.start-tls", "DISABLED"),
                    Map.entry("%test.zhengfeng.notification.delivery.batch-size", "100"),
                    Map.entry("%test.zhengfeng.notification.delivery.breaker.initial-delay", "250ms"),
                    Map.entry("%test.zhengfeng.notification.delivery.breaker.max-delay", "2s"),
                    Map.entry("%test.zhengfeng.notification.delivery.gauge-refresh", "0s"));
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    DataSource db;
    @Inject
    DirectoryRepository directory;

    @Test
    void refusedSmtpOpensTheBreakerCostsNoCpuAndTheBacklogArrivesOnceInOrderWhenAServerAnswers() throws Exception {
        String user = "smtp-outage-" + UUID.randomUUID().toString().substring(0, 8);
        String address = user + "@bureau.test";
        EventFeed.staff(user, address, "en", Roles.LEADER, null);
        Await.until(() -> QuarkusTransaction.requiringNew().call(() -> directory.find(user).isPresent()), Duration.ofSeconds(20));
        List<String> ids = insertDueEmails("user:" + user);

        // Positive signal: the SMTP breaker is open (1) or probing (2), and the backlog gauge sees them all.
        Await.until(() -> metric("zhengfeng_notification_breaker_state", "target=\"smtp\"") >= 1, Duration.ofSeconds(30));
        Await.until(() -> metric("zhengfeng_notification_deliveries_pending", "channel=\"email\"") >= EMAILS,
                Duration.ofSeconds(10));

        // The JVM first settles after this test's start-up: the JIT compiles what the restarted app
        // loaded (positive signal: a window in which it compiled almost nothing, at most a minute).
        // The window after that is the steady state the acceptance criterion is about. Both are printed.
        Cpu settling = settle();
        Cpu steady = measure();
        System.out.printf("SMTP refused, %d e-mails due: settling %s; steady %s%n", EMAILS, settling, steady);
        // The service's share: the test JVM's CPU less the threads of the Kafka broker that the tests run
        // inside it (a separate process in production). Idle workers (timers, outbox relay, consumer) count.
        assertTrue(steady.processShare() - steady.brokerShare() < CPU_BOUND,
                "notification-service CPU while the SMTP server is down: " + steady);
        double probes = steady.probes();
        assertTrue(probes >= 1 && probes <= 20, "one probe at a time, at growing intervals, not row by row: " + probes);
        assertEquals(List.of("PENDING:0:" + EMAILS), statusesOf(ids), "all kept, none used up an attempt");

        GreenMail server = new GreenMail(new ServerSetup(RefusingSmtpPort.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            Await.until(() -> statusesOf(ids).equals(List.of("DELIVERED:1:" + EMAILS)), Duration.ofSeconds(180));
            List<String> received = new ArrayList<>();
            for (MimeMessage m : server.getReceivedMessages()) {
                if (sentTo(m, address)) {
                    received.add(m.getHeader("X-Zhengfeng-Notification")[0]);
                }
            }
            assertEquals(EMAILS, received.size(), "each e-mail once");
            assertEquals(EMAILS, new HashSet<>(received).size(), "each e-mail once");
            assertEquals(ids, received, "drained in the order they fell due");
            assertEquals(0.0, metric("zhengfeng_notification_breaker_state", "target=\"smtp\""), "breaker closed");
        } finally {
            server.stop();
        }
    }

    /**
     * CPU over one window: the whole test JVM (notification-service plus the in-JVM Kafka broker the
     * tests share, which in production is another process), the broker's threads, the delivery worker.
     */
    record Cpu(double processShare, double brokerShare, double deliveryShare, double probes) {
        @Override
        public String toString() {
            return "process %.2f %% of a core (of which in-JVM Kafka broker %.2f %%), delivery worker %.2f %%, %d probes"
                    .formatted(processShare * 100, brokerShare * 100, deliveryShare * 100, (long) probes);
        }
    }

    private static Cpu settle() throws InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        Cpu last = null;
        for (int i = 0; i < 12; i++) {
            long compiledBefore = jit.getTotalCompilationTime();
            last = measure();
            long compiling = jit.getTotalCompilationTime() - compiledBefore;
            System.out.printf("  settling window %d: JIT compiled for %d ms%n", i + 1, compiling);
            if (compiling < 100) {
                break;
            }
        }
        return last;
    }

    private static Cpu measure() throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double probesBefore = metric("zhengfeng_notification_deliveries_total", "outcome=\"target_down\"");
        Map<Long, Long> threadsBefore = threadCpu();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(WINDOW.toMillis()); // the measurement window of the acceptance criterion
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        Map<String, Long> byThread = threadCpuSince(threadsBefore);
        long broker = byThread.entrySet().stream().filter(e -> isBrokerThread(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        byThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  thread %-60s %6.1f ms%n", e.getKey(), e.getValue() / 1e6));
        double probes = metric("zhengfeng_notification_deliveries_total", "outcome=\"target_down\"") - probesBefore;
        return new Cpu((double) cpu / wall, (double) broker / wall,
                (double) byThread.getOrDefault("notification-delivery", 0L) / wall, probes);
    }

    /** Threads of the Kafka broker (KRaft, combined mode) that TestKafka runs inside the test JVM. */
    private static boolean isBrokerThread(String name) {
        boolean serviceClient = name.startsWith("kafka-producer") || name.startsWith("kafka-coordinator");
        return name.startsWith("data-plane-kafka") || name.startsWith("kafka-") && !serviceClient
                || name.startsWith("quorum-controller")
                || name.startsWith("group-coordinator") || name.startsWith("executor-") || name.startsWith("ExpirationReaper")
                || name.startsWith("controller-") || name.startsWith("broker-") || name.startsWith("share-")
                || name.startsWith("transaction-") || name.startsWith("LogDirFailureHandler")
                || name.startsWith("raft-") || name.startsWith("feature-") || name.startsWith("node-");
    }

    private static Map<String, Long> threadCpuSince(Map<Long, Long> before) {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        threadCpu().forEach((id, ns) -> {
            var info = mx.getThreadInfo(id);
            if (info != null && ns >= 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), ns - before.getOrDefault(id, 0L), Long::sum);
            }
        });
        return byName;
    }

    private static Map<Long, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            cpu.put(id, mx.getThreadCpuTime(id));
        }
        return cpu;
    }

    /** 1,000 e-mails due a minute ago, one microsecond apart; returns their ids in due order. */
    private List<String> insertDueEmails(String recipient) throws SQLException {
        List<String> ids = new ArrayList<>();
        Instant first = Instant.now().minusSeconds(60);
        UUID subject = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification (id, dedup_key, recipient, channel, type, subject_type, subject_id, params, urgent,
                                          status, attempts, next_attempt_at, fired_by, created_at)
                VALUES (?, ?, ?, 'EMAIL', 'complaint.new', 'complaint', ?, ?, FALSE, 'PENDING', 0, ?, 'smtp-outage-test', ?)""")) {
            for (int i = 0; i < EMAILS; i++) {
                String id = UUID.randomUUID().toString();
                String due = SqlInstants.micros(first.plusNanos(i * 1000L));
                ps.setString(1, id);
                ps.setString(2, "smtp-outage:" + id);
                ps.setString(3, recipient);
                ps.setString(4, subject.toString());
                ps.setString(5, "{\"trackingNumber\":\"ZF-OUT-%04d\",\"kind\":\"complaint\",\"channel\":\"web\",\"category\":\"other\"}"
                        .formatted(i));
                ps.setString(6, due);
                ps.setString(7, due);
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
        }
        return ids;
    }

    /** "STATUS:attempts:count" groups of the given notifications. */
    private List<String> statusesOf(List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Integer> groups = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, attempts FROM notification WHERE fired_by = 'smtp-outage-test'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getString(1))) {
                        groups.merge(rs.getString(2) + ":" + rs.getInt(3), 1, Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return groups.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).sorted().toList();
    }

    private static boolean sentTo(MimeMessage m, String address) {
        try {
            for (var a : m.getRecipients(Message.RecipientType.TO)) {
                if (a.toString().equals(address)) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gauge or counter from /q/metrics whose labels contain {@code label}; 0 if absent. */
    private static double metric(String name, String label) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
