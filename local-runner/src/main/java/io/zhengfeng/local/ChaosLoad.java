package io.zhengfeng.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/chaos.sh: {@code --total} complaints submitted through the gateway
 * (POST /api/complaints, the citizen's web channel, no token) by {@code --clients} threads, paced
 * at {@code --rate} submissions per second overall (0: as fast as they go), while the drill kills
 * things. A submission is retried as a citizen's browser would after a 5xx, a 429 or a connection
 * error (honouring Retry-After, at most 2 s apart, at most {@code --max-attempts} times); it ends at
 * its first 2xx or at a 4xx.
 *
 * <p>Every attempt is one line of {@code --out} (tab-separated):
 * {@code endEpochMs startEpochMs submission attempt status problemJson complaintId trackingNumber body}
 * (status 0 = no response: connection refused, reset or timed out; body only for non-2xx, first 300
 * characters, tabs and newlines flattened). A progress line every 10 s goes to stdout.
 */
public final class ChaosLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern TRACKING = Pattern.compile("\"trackingNumber\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] CATEGORIES = { "urban_planning", "land_management", "expropriation_demolition",
        "farmland_protection", "illegal_construction", "staff_conduct", "other" };
    private static final String[] KINDS = { "complaint", "report", "consultation", "suggestion" };
    private static final String[] PLACES = { "城东街道幸福里小区", "高新区创业大道南段", "南湖镇三塘村五组", "滨江新城B-07地块",
        "老城区解放路菜市场旁", "工业园区西侧", "青山镇柳树湾村", "北站片区棚改项目" };
    private static final String[] ISSUES = { "在建楼盘的规划许可公示与现场施工不一致，楼间距明显变小",
        "不动产登记中心要求补交的材料前后说法不一，来回跑了三次还没办成", "征收补偿方案公布后，面积认定与测绘结果不一致，申请复核",
        "有人在基本农田上建设养殖棚，已经持续两个月", "楼顶有住户私自加盖彩钢房，存在安全隐患，物业制止无效",
        "窗口工作人员态度生硬，办事群众排队两个小时无人引导" };

    private final HttpClient http;
    private final URI target;
    private final int total;
    private final double rate;
    private final int maxAttempts;
    private final long startMs = System.currentTimeMillis();
    private final long deadlineMs;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final AtomicLong acceptedAtLastReport = new AtomicLong();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    private ChaosLoad(Cli cli) throws IOException {
        String gateway = cli.get("gateway", -1, "ZF_GATEWAY_URL", "http://localhost:8080");
        this.target = URI.create(gateway.replaceAll("/+$", "") + "/api/complaints");
        this.total = cli.getInt("total", -1, null, 10_000);
        this.rate = Double.parseDouble(cli.get("rate", -1, null, "0"));
        this.maxAttempts = cli.getInt("max-attempts", -1, null, 60);
        this.deadlineMs = startMs + 1000L * cli.getInt("max-seconds", -1, null, 900);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
        Path file = cli.getPath("out", -1, null, "chaos-responses.tsv");
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public static void main(String[] argv) throws Exception {
        Cli cli = Cli.parse(argv);
        if (cli.has("help")) {
            System.out.println("usage: ChaosLoad --gateway URL --total 10000 --clients 6 --rate 22 --out FILE"
                    + " [--max-attempts 60] [--max-seconds 900]");
            return;
        }
        int clients = cli.getInt("clients", -1, null, 6);
        ChaosLoad load = new ChaosLoad(cli);
        System.out.printf("[load] %d submissions to %s, %d clients, %s%n", load.total, load.target, clients,
                load.rate > 0 ? "paced at " + load.rate + "/s" : "unpaced");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(load::client, "client-" + i);
            t.start();
            threads.add(t);
        }
        Thread progress = new Thread(load::progress, "progress");
        progress.setDaemon(true);
        progress.start();
        for (Thread t : threads) {
            t.join();
        }
        load.out.close();
        load.report("done");
        System.out.printf("[load] accepted=%d abandoned=%d attempts=%d seconds=%.1f%n", load.accepted.sum(),
                load.abandoned.sum(), load.attempts.sum(), (System.currentTimeMillis() - load.startMs) / 1000.0);
    }

    private void client() {
        int n;
        while ((n = next.getAndIncrement()) < total) {
            if (rate > 0) {
                long due = startMs + (long) (n * 1000.0 / rate);
                sleepUntil(due);
            }
            if (System.currentTimeMillis() > deadlineMs) {
                abandoned.increment();
                continue;
            }
            submit(n);
        }
    }

    private void submit(int n) {
        String body = body(n);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long start = System.currentTimeMillis();
            int status = 0;
            String contentType = "";
            String text;
            long retryAfterMs = -1;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = r.statusCode();
                contentType = r.headers().firstValue("Content-Type").orElse("");
                text = r.body() == null ? "" : r.body();
                retryAfterMs = r.headers().firstValue("Retry-After").map(ChaosLoad::seconds).orElse(-1L);
            } catch (IOException e) {
                text = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = System.currentTimeMillis();
            attempts.increment();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            boolean ok = status >= 200 && status < 300;
            String id = "";
            String tracking = "";
            if (ok) {
                id = group(ID, text);
                tracking = group(TRACKING, text);
            }
            record(end, start, n, attempt, status, contentType.startsWith("application/problem+json"), id, tracking,
                    ok ? "" : text);
            if (ok) {
                accepted.increment();
                return;
            }
            boolean retry = status == 0 || status == 429 || status >= 500;
            if (!retry || System.currentTimeMillis() > deadlineMs) {
                break;
            }
            long backoff = Math.min(2000, 200L << Math.min(attempt - 1, 4));
            sleepUntil(System.currentTimeMillis() + (retryAfterMs >= 0 ? Math.min(retryAfterMs, 2000) : backoff));
        }
        abandoned.increment();
    }

    private synchronized void record(long end, long start, int n, int attempt, int status, boolean problem, String id,
            String tracking, String body) {
        String flat = body.length() > 300 ? body.substring(0, 300) : body;
        flat = flat.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        try {
            out.write(end + "\t" + start + "\t" + n + "\t" + attempt + "\t" + status + "\t" + (problem ? 1 : 0) + "\t"
                    + id + "\t" + tracking + "\t" + flat + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the response log", e);
        }
    }

    private void progress() {
        while (true) {
            sleepUntil(System.currentTimeMillis() + 10_000);
            report("progress");
        }
    }

    private synchronized void report(String what) {
        long ok = accepted.sum();
        long last = acceptedAtLastReport.getAndSet(ok);
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        System.out.printf("[load] %s t=%ds accepted=%d (+%d) attempts=%d by status %s%n", what,
                (System.currentTimeMillis() - startMs) / 1000, ok, ok - last, attempts.sum(), byStatus);
        System.out.flush();
    }

    private static String body(int n) {
        String kind = KINDS[n % KINDS.length];
        String category = CATEGORIES[(n / 4) % CATEGORIES.length];
        String content = PLACES[n % PLACES.length] + "：" + ISSUES[(n / 3) % ISSUES.length] + "。（故障演练第" + n + "号）";
        String phone = String.format("138%08d", n);
        return "{\"kind\":\"" + kind + "\",\"channel\":\"web\",\"category\":\"" + category + "\",\"content\":\"" + content
                + "\",\"contact\":{\"name\":\"演练" + n + "\",\"phone\":\"" + phone + "\"}}";
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static void sleepUntil(long epochMs) {
        long wait;
        while ((wait = epochMs - System.currentTimeMillis()) > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
