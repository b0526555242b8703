package io.zhengfeng.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The count of bench/chaos.sh, after the load and the faults: waits for quiescence, then checks
 * every complaint the gateway answered 2xx for (the response log of {@link ChaosLoad}) against
 * what the platform holds, and measures throughput around each fault (the drill's fault log).
 *
 * <ul>
 * <li>complaint row: {@code zf_complaint.complaint} by id;</li>
 * <li>its {@code submitted} event on {@code zhengfeng.complaints} (read from the beginning, every
 * partition, with a group-less consumer; the complaint is the record's {@code ce_subject});</li>
 * <li>its acceptance timer: {@code zf_notification.timer}, subject_type complaint, deadline_kind
 * acceptance;</li>
 * <li>its spokesperson inbox item: {@code zf_notification.notification}, channel INBOX, type
 * complaint.new, recipient role:spokesperson, subject_id the complaint.</li>
 * </ul>
 * {@code lost} = accepted complaints missing at least one of the four; {@code duplicated} =
 * accepted complaints with two or more rows, timers, inbox items, or {@code submitted} events with
 * distinct ce_ids (the same ce_id twice on the topic is at-least-once publication, which consumers
 * dedupe: printed apart, not counted). {@code recovery_ratio} = the smallest, over the faults, of
 * (2xx responses in the window starting when the killed process answers again) / (2xx responses
 * in the window ending at the kill, at most what the paced load offers in a window: {@code --rate}). Quiescence: the complaint outbox drained, the
 * notification-service group's lag on the topic 0, and the counts complete or still.
 */
public final class ChaosVerify {
    private static final String SUBMITTED = "io.zhengfeng.complaint.submitted.v1";

    private record Response(long end, long start, int submission, int attempt, int status, boolean problem, String id,
            String tracking, String body) {
    }

    private record Fault(long at, String target, long backAt, String note) {
    }

    private final Cli cli;
    private final String dbUrl;
    private final String user;
    private final String password;

    private ChaosVerify(Cli cli) {
        this.cli = cli;
        this.dbUrl = cli.get("db-url", -1, "ZF_DB_URL", "jdbc:mysql://127.0.0.1:3306");
        this.user = cli.get("db-user", -1, "ZF_DB_USER", "root");
        this.password = cli.get("db-password", -1, "ZF_DB_PASSWORD", "");
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: ChaosVerify --responses FILE --faults FILE --db-url URL --kafka HOST:PORT"
                    + " [--window 30] [--rate <offered/s>] [--group notification-service] [--quiesce-max 300]"
                    + " [--quiesce-stable 20] [--responses-only]");
            return;
        }
        new ChaosVerify(cli).run();
    }

    private void run() throws Exception {
        List<Response> responses = readResponses(cli.getPath("responses", -1, null, "chaos-responses.tsv"));
        List<Fault> faults = readFaults(cli.getPath("faults", -1, null, "chaos-faults.tsv"));
        int window = cli.getInt("window", -1, null, 30);
        String kafka = cli.get("kafka", -1, "ZF_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

        Map<String, Response> accepted = new LinkedHashMap<>();
        for (Response r : responses) {
            if (r.status >= 200 && r.status < 300 && !r.id.isEmpty()) {
                accepted.put(r.id, r);
            }
        }
        long okWithoutId = responses.stream().filter(r -> r.status >= 200 && r.status < 300 && r.id.isEmpty()).count();
        System.out.printf("[verify] %d responses, %d accepted complaints (2xx with an id)%s%n", responses.size(),
                accepted.size(), okWithoutId > 0 ? ", " + okWithoutId + " 2xx WITHOUT an id" : "");

        if (cli.has("responses-only")) {   // re-reads a finished run's logs, no database or broker
            failures(responses);
            throughput(responses, faults, window, Double.parseDouble(cli.get("rate", -1, null, "0")));
            return;
        }
        quiesce(accepted.size(), kafka);

        Map<String, Integer> rows = countBy("zf_complaint", "SELECT id, COUNT(*) FROM complaint GROUP BY id");
        Map<String, Integer> timers = countBy("zf_notification", "SELECT subject_id, COUNT(*) FROM timer"
                + " WHERE subject_type = 'complaint' AND deadline_kind = 'acceptance' GROUP BY subject_id");
        Map<String, Integer> inbox = countBy("zf_notification", "SELECT subject_id, COUNT(*) FROM notification"
                + " WHERE channel = 'INBOX' AND type = 'complaint.new' AND recipient = 'role:spokesperson'"
                + " GROUP BY subject_id");
        TopicCount topic = readSubmittedEvents(kafka, "zhengfeng.complaints");
        long deadLetters = countRecords(kafka, "zhengfeng.complaints.dlt");

        int missRow = 0, missEvent = 0, missTimer = 0, missInbox = 0, lost = 0;
        int dupRow = 0, dupEvent = 0, dupTimer = 0, dupInbox = 0, duplicated = 0;
        List<String> lostSamples = new ArrayList<>();
        List<String> dupSamples = new ArrayList<>();
        for (Response r : accepted.values()) {
            int row = rows.getOrDefault(r.id, 0);
            int events = topic.ceIdsBySubject.getOrDefault(r.id, Set.of()).size();
            int timer = timers.getOrDefault(r.id, 0);
            int item = inbox.getOrDefault(r.id, 0);
            missRow += row == 0 ? 1 : 0;
            missEvent += events == 0 ? 1 : 0;
            missTimer += timer == 0 ? 1 : 0;
            missInbox += item == 0 ? 1 : 0;
            dupRow += row > 1 ? 1 : 0;
            dupEvent += events > 1 ? 1 : 0;
            dupTimer += timer > 1 ? 1 : 0;
            dupInbox += item > 1 ? 1 : 0;
            String line = String.format("%s %s accepted %s: rows=%d submitted_events=%d timers=%d inbox=%d", r.id,
                    r.tracking, Instant.ofEpochMilli(r.end), row, events, timer, item);
            if (row == 0 || events == 0 || timer == 0 || item == 0) {
                lost++;
                if (lostSamples.size() < 20) {
                    lostSamples.add(line);
                }
            }
            if (row > 1 || events > 1 || timer > 1 || item > 1) {
                duplicated++;
                if (dupSamples.size() < 20) {
                    dupSamples.add(line);
                }
            }
        }
        Set<String> acceptedIds = accepted.keySet();
        long unacknowledgedRows = rows.keySet().stream().filter(id -> !acceptedIds.contains(id)).count();

        System.out.println();
        System.out.println("== effects of the " + accepted.size() + " accepted complaints ==");
        System.out.printf("  complaint rows      missing %6d   duplicated %6d%n", missRow, dupRow);
        System.out.printf("  submitted events    missing %6d   duplicated %6d   (distinct ce_id per complaint)%n",
                missEvent, dupEvent);
        System.out.printf("  acceptance timers   missing %6d   duplicated %6d%n", missTimer, dupTimer);
        System.out.printf("  spokesperson inbox  missing %6d   duplicated %6d%n", missInbox, dupInbox);
        lostSamples.forEach(s -> System.out.println("  LOST " + s));
        dupSamples.forEach(s -> System.out.println("  DUPLICATED " + s));
        System.out.println("  info: submitted records on the topic " + topic.submittedRecords + ", the same ce_id more than once "
                + topic.repeatedCeIdRecords + " extra record(s) over " + topic.repeatedCeIds
                + " ce_id(s) (at-least-once publication; consumers dedupe by ce_id)");
        System.out.println("  info: records on zhengfeng.complaints.dlt: " + deadLetters);
        System.out.println("  info: complaint rows without a 2xx answer (a retried submission whose first answer was"
                + " lost, or a probe): " + unacknowledgedRows);

        int failures = failures(responses);
        double offered = Double.parseDouble(cli.get("rate", -1, null, "0"));
        double recovery = throughput(responses, faults, window, offered);

        System.out.println();
        System.out.println("failed_responses=" + failures);
        System.out.println("lost=" + lost);
        System.out.println("duplicated=" + duplicated);
        System.out.println("recovery_ratio=" + (Double.isNaN(recovery) ? "NaN" : String.format("%.2f", recovery)));
    }

    /** Responses other than 2xx and 503 problem+json, by status, with a sample body each. */
    private static int failures(List<Response> responses) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, String> sample = new HashMap<>();
        Map<String, Integer> all = new TreeMap<>();
        int failures = 0;
        for (Response r : responses) {
            all.merge(Integer.toString(r.status), 1, Integer::sum);
            boolean fine = (r.status >= 200 && r.status < 300) || (r.status == 503 && r.problem);
            if (!fine) {
                failures++;
                String key = r.status == 0 ? "0 (no response)" : r.status == 503 ? "503 (not problem+json)" : Integer.toString(r.status);
                byStatus.merge(key, 1, Integer::sum);
                sample.putIfAbsent(key, Instant.ofEpochMilli(r.end) + " " + r.body);
            }
        }
        long submissions = responses.stream().mapToInt(Response::submission).distinct().count();
        long abandoned = responses.stream().collect(Collectors.groupingBy(Response::submission)).values().stream()
                .filter(l -> l.stream().noneMatch(r -> r.status >= 200 && r.status < 300)).count();
        System.out.println();
        System.out.println("== responses ==");
        System.out.println("  attempts " + responses.size() + " for " + submissions + " submissions; by status " + all);
        System.out.println("  submissions never accepted (gave up after retries or a 4xx): " + abandoned);
        System.out.println("  failures (not 2xx, not 503 problem+json): " + failures);
        byStatus.forEach((k, v) -> System.out.printf("    %-24s %6d   e.g. %s%n", k, v, sample.get(k)));
        return failures;
    }

    /**
     * 2xx per window around each fault: before = the window ending at the kill; after = the window
     * starting when the killed process answers again (its outage is shown apart, and the window
     * starting at the kill as information). A paced load offers {@code offered} per second: a
     * before-window still catching up on an earlier outage ran above it, and no after-window can be
     * asked for more than the load offers, so the reference is min(before, offered). The smallest
     * after/reference is the recovery ratio; the raw after/before is printed beside it.
     */
    private static double throughput(List<Response> responses, List<Fault> faults, int windowS, double offered) {
        long[] ok = responses.stream().filter(r -> r.status >= 200 && r.status < 300).mapToLong(Response::end).sorted().toArray();
        System.out.println();
        System.out.println("== throughput around each fault (2xx answers per second; " + windowS + " s before the kill,"
                + " " + windowS + " s from the moment the target answers again) ==");
        if (offered > 0) {
            System.out.printf("  offered load %.1f/s; ratio = after / min(before, offered); raw = after / before%n", offered);
        }
        System.out.printf("  %-24s %-21s %7s %9s %9s %6s %6s %14s%n", "kill (UTC)", "target", "outage", "before/s",
                "after/s", "ratio", "raw", "kill+window/s");
        long w = windowS * 1000L;
        long first = ok.length > 0 ? ok[0] : 0;
        long last = ok.length > 0 ? ok[ok.length - 1] : 0;
        double min = Double.NaN;
        for (Fault f : faults) {
            long before = count(ok, f.at - w, f.at);
            long after = count(ok, f.backAt, f.backAt + w);
            long fromKill = count(ok, f.at, f.at + w);
            boolean complete = f.at - w >= first && f.backAt + w <= last;
            double raw = before == 0 ? Double.NaN : (double) after / before;
            double reference = offered > 0 ? Math.min(before, offered * windowS) : before;
            double ratio = reference == 0 ? Double.NaN : after / reference;
            System.out.printf("  %-24s %-21s %6.1fs %9.1f %9.1f %6s %6s %14.1f%s%n", Instant.ofEpochMilli(f.at), f.target,
                    (f.backAt - f.at) / 1000.0, before / (double) windowS, after / (double) windowS,
                    Double.isNaN(ratio) ? "n/a" : String.format("%.2f", ratio),
                    Double.isNaN(raw) ? "n/a" : String.format("%.2f", raw), fromKill / (double) windowS,
                    complete ? "" : "  (a window reaches outside the load)");
            if (!Double.isNaN(ratio) && (Double.isNaN(min) || ratio < min)) {
                min = ratio;
            }
        }
        System.out.println("  timeline, 2xx per 10 s from the first answer at " + Instant.ofEpochMilli(first)
                + " (15 per line = 150 s):");
        StringBuilder line = new StringBuilder("   ");
        for (long t = first, i = 0; t <= last; t += 10_000, i++) {
            line.append(String.format(" %4d", count(ok, t, t + 10_000)));
            if (i % 15 == 14) {
                System.out.println(line);
                line = new StringBuilder("   ");
            }
        }
        System.out.println(line);
        return min;
    }

    private static long count(long[] sorted, long from, long to) {
        return lowerBound(sorted, to) - lowerBound(sorted, from);
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Until the complaint outbox is drained and the notification counts stop moving for
     * {@code --quiesce-stable} s (or every accepted complaint has its timer and inbox item), at most
     * {@code --quiesce-max} s.
     */
    private void quiesce(int expected, String kafka) throws Exception {
        int max = cli.getInt("quiesce-max", -1, null, 300);
        int stableFor = cli.getInt("quiesce-stable", -1, null, 20);
        long deadline = System.currentTimeMillis() + max * 1000L;
        String lastState = null;
        long stableSince = System.currentTimeMillis();
        long started = System.currentTimeMillis();
        String group = cli.get("group", -1, null, "notification-service");
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        ap.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        ap.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(ap)) {
        while (true) {
            String state;
            long pending = -1, timers = -1, inbox = -1, lag = -1;
            try {
                lag = lag(admin, group, "zhengfeng.complaints");
                pending = scalar("zf_complaint", "SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL");
                timers = scalar("zf_notification", "SELECT COUNT(*) FROM timer WHERE subject_type = 'complaint'"
                        + " AND deadline_kind = 'acceptance'");
                inbox = scalar("zf_notification", "SELECT COUNT(*) FROM notification WHERE channel = 'INBOX'"
                        + " AND type = 'complaint.new'");
                state = pending + "/" + timers + "/" + inbox + "/" + lag;
            } catch (SQLException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                state = "error: " + e.getMessage();
            }
            long now = System.currentTimeMillis();
            if (!state.equals(lastState)) {
                lastState = state;
                stableSince = now;
                System.out.printf("[verify] %s waiting for quiescence: outbox pending %d, %s lag on zhengfeng.complaints %d,"
                        + " acceptance timers %d, inbox items %d (accepted %d)%s%n", Instant.ofEpochMilli(now), pending, group,
                        lag, timers, inbox, expected, state.startsWith("error") ? " " + state : "");
            }
            boolean complete = pending == 0 && lag == 0 && timers >= expected && inbox >= expected;
            boolean stable = pending == 0 && lag == 0 && now - stableSince >= stableFor * 1000L;
            if (complete || stable) {
                System.out.printf("[verify] quiescent after %d s (%s)%n", (now - started) / 1000,
                        complete ? "every accepted complaint has its timer and inbox item" : "nothing moved for " + stableFor + " s");
                return;
            }
            if (now > deadline) {
                System.out.printf("[verify] NOT quiescent after %d s: counting anyway%n", max);
                return;
            }
            Thread.sleep(2000);
        }
        }
    }

    /** end offset - committed offset of the group, over the topic's partitions (no commit: from 0). */
    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(15, java.util.concurrent.TimeUnit.SECONDS);
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, java.util.concurrent.TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(15, java.util.concurrent.TimeUnit.SECONDS);
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private Connection connect(String schema) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5000");
        p.setProperty("socketTimeout", "60000");
        return DriverManager.getConnection(dbUrl + "/" + schema + "?useSSL=false&allowPublicKeyRetrieval=true", p);
    }

    private long scalar(String schema, String sql) throws SQLException {
        try (Connection c = connect(schema); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Integer> countBy(String schema, String sql) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(schema); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private static final class TopicCount {
        final Map<String, Set<String>> ceIdsBySubject = new HashMap<>();
        final Map<String, Integer> recordsByCeId = new HashMap<>();
        long submittedRecords;
        long repeatedCeIds;
        long repeatedCeIdRecords;
    }

    private static TopicCount readSubmittedEvents(String bootstrap, String topic) {
        TopicCount count = new TopicCount();
        readAll(bootstrap, topic, record -> {
            if (!SUBMITTED.equals(header(record, "ce_type"))) {
                return;
            }
            String ceId = header(record, "ce_id");
            String subject = header(record, "ce_subject");
            count.submittedRecords++;
            count.ceIdsBySubject.computeIfAbsent(subject, k -> new HashSet<>()).add(ceId);
            count.recordsByCeId.merge(ceId, 1, Integer::sum);
        });
        for (int n : count.recordsByCeId.values()) {
            if (n > 1) {
                count.repeatedCeIds++;
                count.repeatedCeIdRecords += n - 1;
            }
        }
        return count;
    }

    private static long countRecords(String bootstrap, String topic) {
        long[] n = { 0 };
        readAll(bootstrap, topic, r -> n[0]++);
        return n[0];
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of every partition of the topic, from the beginning to the end offsets read first. */
    private static void readAll(String bootstrap, String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 120_000;
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 120 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    each.accept(r);
                }
            }
        }
    }

    private static List<Response> readResponses(Path file) throws IOException {
        List<Response> list = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 9);
            if (f.length < 8) {
                continue;
            }
            list.add(new Response(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), "1".equals(f[5]), f[6], f[7], f.length > 8 ? f[8] : ""));
        }
        return list;
    }

    private static List<Fault> readFaults(Path file) throws IOException {
        List<Fault> list = new ArrayList<>();
        if (!Files.exists(file)) {
            return list;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 4);
            if (f.length >= 3 && f[0].matches("\\d+") && f[2].matches("\\d+")) {
                list.add(new Fault(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), f.length > 3 ? f[3] : ""));
            }
        }
        return list;
    }
}
