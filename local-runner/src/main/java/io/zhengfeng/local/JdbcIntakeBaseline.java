package io.zhengfeng.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * The raw JDBC ceiling of the intake benchmark: N threads, one connection each (autocommit off),
 * each looping for D seconds over "insert the rows of one submission (complaint, history, audit, outbox) + commit". The SQL
 * lives in {@code bench/intake-baseline.sql}. Prints {@code key=value} lines; the last one is
 * {@code jdbc_rps=<committed transactions per second>}.
 *
 * <pre>
 * java -cp local-runner/target/local-runner.jar:$(cat local-runner/target/classpath.txt) \
 *     io.zhengfeng.local.JdbcIntakeBaseline [--threads 16] [--duration 20] [--warmup 0] \
 *     [--url jdbc:mysql://127.0.0.1:3306] [--user root] [--password ''] [--sql bench/intake-baseline.sql] \
 *     [--source-schema zf_complaint] [--schema zf_bench_intake] [--settle-timeout 60] [--keep]
 * </pre>
 *
 * Environment: {@code ZF_DB_URL}, {@code ZF_DB_USER}, {@code ZF_DB_PASSWORD}. It writes into a
 * scratch schema whose tables are copied ({@code CREATE TABLE ... LIKE}) from complaint-service's
 * schema, so the service's data and its outbox relay are never touched.
 */
public final class JdbcIntakeBaseline {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):([a-z_][a-z0-9_]*)");
    private static final Pattern INSERT_TABLE = Pattern.compile("(?i)\\binsert\\s+into\\s+`?([\\w]+)`?");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?`?([\\w]+)`?");

    private static final String[] KINDS = {"complaint", "report", "consultation", "suggestion"};
    private static final String[] CHANNELS = {"web", "hotline_day", "hotline_night", "mailbox", "letter", "visit", "spokesperson_column"};
    private static final String[] CATEGORIES = {"urban_planning", "land_management", "expropriation_demolition",
        "farmland_protection", "illegal_construction", "staff_conduct", "other"};
    private static final String[] CONTENTS = {
        "我家小区东侧在建楼盘的规划许可公示与现场施工不一致，楼间距明显变小，影响采光，请核实并公开规划审批依据。",
        "村里有人在基本农田上建设养殖棚，已经持续两个月，多次向村委反映无果，请尽快派人调查处理。",
        "征收补偿方案公布后，我户的面积认定与测绘结果相差十二平方米，申请复核，并希望告知复核的办理时限。",
        "窗口工作人员办理不动产登记时态度生硬，要求补交的材料前后说法不一，来回跑了三次，希望改进服务。",
        "咨询宅基地审批的办理流程、所需材料以及办结时限，能否在网上提交申请，是否需要本人到场。",
        "建议在规划公示栏和政府网站同步公开项目批后管理情况，并增加公众意见反馈渠道，方便群众监督。",
        "举报某公司未批先建，在工业园区西侧违法占用集体土地建设厂房，现场仍在夜间施工，噪音扰民。",
        "拆迁过渡期已超过协议约定六个月，安置房仍未交付，临时安置费也未按时发放，请督促相关单位落实。"
    };
    private static final String[] TITLES = {"规划公示与现场不一致", "不动产登记办理问题", "征收补偿面积认定",
        "违法占用耕地", "工作人员服务态度", "宅基地审批咨询"};
    private static final String[] NAMES = {"张三", "李四", "王芳", "刘洋", "陈静", "杨磊", "赵敏", "黄海"};

    private JdbcIntakeBaseline() {
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: JdbcIntakeBaseline [--threads 16] [--duration 20] [--warmup 0] [--url URL] [--user U]"
                    + " [--password P] [--sql bench/intake-baseline.sql] [--source-schema zf_complaint] [--schema zf_bench_intake]"
                    + " [--settle-timeout 60] [--keep]");
            return;
        }
        int threads = cli.getInt("threads", -1, null, 16);
        int duration = cli.getInt("duration", -1, null, 20);
        int warmup = cli.getInt("warmup", -1, null, 0);
        String url = cli.get("url", -1, "ZF_DB_URL", "jdbc:mysql://127.0.0.1:3306");
        String user = cli.get("user", -1, "ZF_DB_USER", "root");
        String password = cli.get("password", -1, "ZF_DB_PASSWORD", "");
        Path sqlFile = cli.getPath("sql", -1, null, "bench/intake-baseline.sql");
        String sourceSchema = cli.get("source-schema", -1, null, "zf_complaint");
        String schema = cli.get("schema", -1, null, "zf_bench_intake");
        boolean keep = cli.has("keep");
        if (threads < 1 || duration < 1 || warmup < 0) {
            throw new IllegalArgumentException("--threads and --duration must be at least 1, --warmup at least 0");
        }
        if (!schema.matches("\\w+") || !sourceSchema.matches("\\w+")) {
            throw new IllegalArgumentException("schema names must be plain identifiers");
        }

        Map<String, String> sections = readSections(sqlFile);
        Sql complaintInsert = Sql.parse(required(sections, "complaint_insert", sqlFile));
        Sql outboxInsert = Sql.parse(required(sections, "outbox_insert", sqlFile));
        List<Sql> extraInserts = new ArrayList<>();
        for (String statement : splitStatements(sections.getOrDefault("extra_inserts", ""))) {
            extraInserts.add(Sql.parse(statement));
        }
        List<String> fallbackDdl = splitStatements(sections.getOrDefault("fallback_ddl", ""));

        String settle = sections.getOrDefault("settle", "").strip();
        int settleTimeout = cli.getInt("settle-timeout", -1, null, 60);

        String adminUrl = jdbcUrl(url, "");
        String benchUrl = jdbcUrl(url, schema);
        log("database %s, scratch schema %s (tables copied from %s), %d threads, %d s (+%d s warm-up)",
                stripQuery(url), schema, sourceSchema, threads, duration, warmup);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            if (!settle.isEmpty()) {
                waitUntilSettled(admin, splitStatements(settle).get(0), settleTimeout);
            }
            List<Sql> all = new ArrayList<>(List.of(complaintInsert, outboxInsert));
            all.addAll(extraInserts);
            prepareSchema(admin, schema, sourceSchema, all.stream().map(Sql::table).toList(), fallbackDdl);
        }

        Result result;
        try {
            List<Sql> statements = new ArrayList<>(List.of(complaintInsert, outboxInsert));
            statements.addAll(extraInserts);
            result = run(benchUrl, user, password, threads, duration, warmup, statements);
        } finally {
            if (!keep) {
                try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                     Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + schema + "`");
                }
            }
        }

        double rps = result.committed / (double) duration;
        System.out.println("jdbc_threads=" + threads);
        System.out.println("jdbc_duration_s=" + duration);
        System.out.println("jdbc_transactions=" + result.committed);
        System.out.println("jdbc_transactions_with_warmup=" + result.committedInAll);
        System.out.println("jdbc_errors=" + result.errors);
        System.out.println("jdbc_p50_ms=" + fmt(result.percentileMs(50)));
        System.out.println("jdbc_p99_ms=" + fmt(result.percentileMs(99)));
        System.out.println("jdbc_rps=" + fmt(rps));
        if (result.committed == 0) {
            System.err.println("JdbcIntakeBaseline: no transaction committed; first error: " + result.firstError);
            System.exit(1);
        }
        if (result.errors > 0) {
            System.err.println("JdbcIntakeBaseline: " + result.errors + " transactions failed; first error: " + result.firstError);
        }
    }

    // ---------------------------------------------------------------------------------- running

    private static Result run(String url, String user, String password, int threads, int duration, int warmup,
            List<Sql> statements) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setAutoCommit(false);
                connections.add(c);
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong sequence = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            Worker[] workers = new Worker[threads];
            Thread[] running = new Thread[threads];
            long[] window = new long[2];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Worker(connections.get(i), statements, sequence, firstError, go, window);
                running[i] = new Thread(workers[i], "jdbc-intake-" + i);
                running[i].start();
            }
            long t0 = System.nanoTime();
            window[0] = t0 + warmup * 1_000_000_000L;
            window[1] = window[0] + duration * 1_000_000_000L;
            go.countDown();
            for (Thread t : running) {
                t.join();
            }
            Result r = new Result();
            for (Worker w : workers) {
                r.committed += w.committed;
                r.committedInAll += w.committedInAll;
                r.errors += w.errors;
                r.add(w.latencies, w.count);
            }
            r.firstError = firstError.get();
            return r;
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing
                }
            }
        }
    }

    private static final class Worker implements Runnable {
        private final Connection connection;
        private final List<Sql> statements;
        private final AtomicLong sequence;
        private final AtomicReference<String> firstError;
        private final CountDownLatch go;
        private final long[] window;
        long committed;
        long committedInAll; // warm-up included: what the process's CPU time was spent on
        long errors;
        long[] latencies = new long[1 << 14];
        int count;

        Worker(Connection connection, List<Sql> statements, AtomicLong sequence,
                AtomicReference<String> firstError, CountDownLatch go, long[] window) {
            this.connection = connection;
            this.statements = statements;
            this.sequence = sequence;
            this.firstError = firstError;
            this.go = go;
            this.window = window;
        }

        @Override
        public void run() {
            List<PreparedStatement> prepared = new ArrayList<>();
            try {
                for (Sql sql : statements) {
                    prepared.add(connection.prepareStatement(sql.jdbc()));
                }
                go.await();
                long start = window[0];
                long end = window[1];
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= end) {
                        break;
                    }
                    Row row = new Row(sequence.incrementAndGet());
                    try {
                        for (int i = 0; i < prepared.size(); i++) {
                            statements.get(i).bind(prepared.get(i), row);
                            prepared.get(i).executeUpdate();
                        }
                        connection.commit();
                    } catch (SQLException e) {
                        firstError.compareAndSet(null, e.toString());
                        try {
                            connection.rollback();
                        } catch (SQLException ignored) {
                            // the next iteration reports a broken connection
                        }
                        if (begin >= start) {
                            errors++;
                        }
                        if (errors > 1000 && committed == 0) {
                            return;
                        }
                        continue;
                    }
                    long done = System.nanoTime();
                    committedInAll++;
                    if (begin >= start && done <= end) {
                        committed++;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = done - begin;
                    }
                }
            } catch (Exception e) {
                firstError.compareAndSet(null, e.toString());
            } finally {
                for (PreparedStatement ps : prepared) {
                    try {
                        ps.close();
                    } catch (SQLException ignored) {
                        // closing
                    }
                }
            }
        }
    }

    private static final class Result {
        long committed;
        long committedInAll;
        long errors;
        String firstError;
        private long[] all = new long[0];
        private int size;

        void add(long[] values, int n) {
            all = Arrays.copyOf(all, size + n);
            System.arraycopy(values, 0, all, size, n);
            size += n;
        }

        double percentileMs(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(all, size);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, index))] / 1_000_000.0;
        }
    }

    // ---------------------------------------------------------------------------------- values

    /** The values of one iteration; every placeholder of the SQL file reads one of them. */
    static final class Row {
        private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
        private static final NoArgGenerator IDS = Generators.timeBasedEpochGenerator();
        final String complaintId;
        final String eventId;
        final String trackingNumber;
        final String accessCode;
        final String kind;
        final String channel;
        final String category;
        final String content;
        final String title;
        final String contactName;
        final String contactPhone;
        final byte[] contactEnc;
        final Timestamp now;
        final Timestamp acceptanceDueAt;
        final int shard;

        Row(long seq) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            // The keys complaint-service and its outbox draw (platform's RowIds): version-7 UUIDs.
            complaintId = IDS.generate().toString();
            eventId = IDS.generate().toString();
            Instant instant = Instant.now();
            trackingNumber = String.format(Locale.ROOT, "ZF%s-%010d",
                    LocalDate.ofInstant(instant, ZoneId.of("Asia/Shanghai")).format(DAY), seq);
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                code.append("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(r.nextInt(32)));
            }
            accessCode = code.toString();
            kind = KINDS[r.nextInt(KINDS.length)];
            channel = CHANNELS[r.nextInt(CHANNELS.length)];
            category = CATEGORIES[r.nextInt(CATEGORIES.length)];
            content = CONTENTS[r.nextInt(CONTENTS.length)];
            title = TITLES[r.nextInt(TITLES.length)];
            contactName = NAMES[r.nextInt(NAMES.length)];
            contactPhone = "13" + (100_000_000 + r.nextInt(900_000_000));
            contactEnc = new byte[48];
            r.nextBytes(contactEnc);
            now = Timestamp.from(instant);
            acceptanceDueAt = Timestamp.from(instant.plus(1, ChronoUnit.DAYS));
            shard = Math.floorMod(complaintId.hashCode(), 8);
        }

        Object value(String name) {
            return switch (name) {
                case "complaint_id" -> complaintId;
                case "complaint_id_bytes" -> uuidBytes(UUID.fromString(complaintId));
                case "event_id" -> eventId;
                case "tracking_number" -> trackingNumber;
                case "access_code" -> accessCode;
                case "access_code_hash" -> sha256(accessCode);
                case "kind" -> kind;
                case "channel" -> channel;
                case "category" -> category;
                case "status" -> "SUBMITTED";
                case "content" -> content;
                case "title" -> title;
                case "redacted_content" -> content.replace(contactName, "[姓名已隐去]");
                case "contact_name" -> contactName;
                case "contact_phone" -> contactPhone;
                case "contact_enc" -> contactEnc;
                case "contact_enc_b64" -> Base64.getEncoder().encodeToString(contactEnc);
                case "now" -> now;
                case "acceptance_due_at" -> acceptanceDueAt;
                case "topic" -> "zhengfeng.complaints";
                case "event_type" -> "io.zhengfeng.complaint.submitted.v1";
                case "source" -> "/zhengfeng/complaint-service";
                case "shard" -> shard;
                case "payload" -> "{\"complaintId\":\"" + complaintId + "\",\"trackingNumber\":\"" + trackingNumber
                        + "\",\"kind\":\"" + kind + "\",\"channel\":\"" + channel + "\",\"category\":\"" + category
                        + "\",\"status\":\"SUBMITTED\",\"submittedAt\":\"" + now.toInstant()
                        + "\",\"acceptanceDueAt\":\"" + acceptanceDueAt.toInstant() + "\"}";
                case "request_id" -> "bench-" + eventId.substring(0, 8);
                case "traceparent" -> "00-" + eventId.replace("-", "") + "-" + complaintId.replace("-", "").substring(0, 16) + "-01";
                case "zero" -> 0;
                case "one" -> 1;
                case "false" -> Boolean.FALSE;
                case "true" -> Boolean.TRUE;
                default -> throw new IllegalArgumentException("unknown placeholder :" + name);
            };
        }

        static final Set<String> NAMES_KNOWN = Set.of("complaint_id", "complaint_id_bytes", "event_id", "tracking_number",
                "access_code", "access_code_hash", "kind", "channel", "category", "status", "content", "title", "redacted_content", "contact_name",
                "contact_phone", "contact_enc", "contact_enc_b64", "now", "acceptance_due_at", "topic", "event_type",
                "source", "shard", "payload", "request_id", "traceparent", "zero", "one", "false", "true");

        private static byte[] uuidBytes(UUID u) {
            byte[] b = new byte[16];
            long hi = u.getMostSignificantBits();
            long lo = u.getLeastSignificantBits();
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return b;
        }

        private static String sha256(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------- SQL file

    /** One INSERT with :named placeholders, turned into JDBC ? placeholders. */
    record Sql(String jdbc, List<String> parameters, String table) {
        static Sql parse(String text) {
            List<String> statements = splitStatements(text);
            if (statements.size() != 1) {
                throw new IllegalArgumentException("expected exactly one statement, got " + statements.size() + ": " + text);
            }
            String sql = statements.get(0);
            Matcher table = INSERT_TABLE.matcher(sql);
            if (!table.find()) {
                throw new IllegalArgumentException("not an INSERT INTO <table>: " + sql);
            }
            List<String> names = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(sql);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                if (!Row.NAMES_KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown placeholder :" + name + " in " + sql
                            + "\n  known: " + new java.util.TreeSet<>(Row.NAMES_KNOWN));
                }
                names.add(name);
                m.appendReplacement(out, "?");
            }
            m.appendTail(out);
            return new Sql(out.toString(), List.copyOf(names), table.group(1));
        }

        void bind(PreparedStatement ps, Row row) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object v = row.value(parameters.get(i));
                if (v instanceof Timestamp t) {
                    ps.setTimestamp(i + 1, t);
                } else if (v instanceof byte[] b) {
                    ps.setBytes(i + 1, b);
                } else if (v instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (v instanceof Boolean f) {
                    ps.setBoolean(i + 1, f);
                } else {
                    ps.setString(i + 1, (String) v);
                }
            }
        }
    }

    static Map<String, String> readSections(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("SQL file not found: " + file + " (run from the repository root or pass --sql)");
        }
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("-- @")) {
                if (current != null) {
                    sections.put(current, body.toString());
                }
                current = t.substring(4).trim();
                body.setLength(0);
            } else if (current != null && !t.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, body.toString());
        }
        return sections;
    }

    static List<String> splitStatements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1).strip());
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String required(Map<String, String> sections, String name, Path file) {
        String s = sections.get(name);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(file + " has no '-- @" + name + "' section");
        }
        return s;
    }

    // ---------------------------------------------------------------------------------- schema

    private static void prepareSchema(Connection admin, String schema, String sourceSchema, List<String> tables,
            List<String> fallbackDdl) throws SQLException {
        Map<String, String> fallback = new LinkedHashMap<>();
        for (String ddl : fallbackDdl) {
            Matcher m = CREATE_TABLE.matcher(ddl);
            if (m.find()) {
                fallback.put(m.group(1).toLowerCase(Locale.ROOT), ddl);
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            s.execute("CREATE DATABASE `" + schema + "` DEFAULT CHARACTER SET utf8mb4");
            for (String table : new LinkedHashSet<>(tables)) {
                if (tableExists(admin, sourceSchema, table)) {
                    s.execute("CREATE TABLE `" + schema + "`.`" + table + "` LIKE `" + sourceSchema + "`.`" + table + "`");
                    log("table %s: copied from %s.%s", table, sourceSchema, table);
                } else {
                    String ddl = fallback.get(table.toLowerCase(Locale.ROOT));
                    if (ddl == null) {
                        throw new IllegalStateException(sourceSchema + "." + table + " does not exist and the SQL file has no"
                                + " fallback CREATE TABLE for it: start the suite (./run.sh) first");
                    }
                    s.execute("USE `" + schema + "`");
                    s.execute(ddl);
                    log("table %s: %s.%s not found, created from fallback_ddl", table, sourceSchema, table);
                }
            }
        }
    }

    /**
     * Waits until the {@code settle} query answers 0 (e.g. the services' outbox relay has published
     * what the gateway run wrote), so the baseline does not compete with leftover work.
     */
    private static void waitUntilSettled(Connection c, String query, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long last = -1;
        while (true) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                last = rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                log("settle query skipped (%s)", e.getMessage());
                return;
            }
            if (last == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log("still %d pending after %d s (settle query); starting anyway", last, timeoutSeconds);
                return;
            }
            Thread.sleep(500);
        }
    }

    private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(schema, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    /** {@code jdbc:mysql://host:port[/ignored][?params]} + database → a URL with sane defaults. */
    static String jdbcUrl(String base, String database) {
        String params = "";
        int q = base.indexOf('?');
        String hostPart = q >= 0 ? base.substring(0, q) : base;
        if (q >= 0) {
            params = base.substring(q + 1);
        }
        int slash = hostPart.indexOf('/', "jdbc:mysql://".length());
        if (slash >= 0) {
            hostPart = hostPart.substring(0, slash);
        }
        StringBuilder p = new StringBuilder(params);
        // Like the services' own URLs (useSSL=false&allowPublicKeyRetrieval=true), unless given.
        for (String def : new String[] {"useSSL=false", "allowPublicKeyRetrieval=true", "connectTimeout=5000"}) {
            String key = def.substring(0, def.indexOf('=') + 1);
            boolean sslGiven = key.equals("useSSL=") && params.contains("sslMode=");
            if (!params.contains(key) && !sslGiven) {
                p.append(p.length() > 0 ? "&" : "").append(def);
            }
        }
        return hostPart + "/" + database + "?" + p;
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q >= 0 ? url.substring(0, q) : url;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void log(String format, Object... args) {
        System.err.println("[jdbc-baseline] " + String.format(Locale.ROOT, format, args));
    }
}
