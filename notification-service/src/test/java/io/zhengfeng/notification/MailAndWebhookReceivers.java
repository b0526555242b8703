package io.zhengfeng.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The outside world of the delivery worker, in the test JVM: a real SMTP server (GreenMail) and an
 * HTTP receiver on 127.0.0.1 with {@code /hooks/ok} (records, answers 200) and {@code /hooks/fail}
 * (records, answers 500). Started once per JVM and shared by every test class of the module, since
 * Quarkus applies a class-level test resource to all of them; tests tell their messages apart by
 * their own recipients and ids.
 */
public class MailAndWebhookReceivers implements QuarkusTestResourceLifecycleManager {
    public static final String OK_PATH = "/hooks/ok";
    public static final String FAILING_PATH = "/hooks/fail";

    /** A request the HTTP receiver got; header names are case-insensitive. */
    public record ReceivedRequest(String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private static GreenMail greenMail;
    private static HttpServer http;
    private static final ConcurrentLinkedQueue<ReceivedRequest> RECEIVED = new ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> start() {
        startOnce();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "zhengfeng.notification.webhooks.allowed-targets", "127.0.0.1:" + httpPort(),
                "zhengfeng.notification.delivery.poll-interval", "200ms",
                "zhengfeng.notification.delivery.initial-backoff", "200ms",
                "zhengfeng.notification.delivery.max-backoff", "1s",
                "zhengfeng.notification.delivery.max-attempts", "3");
    }

    @Override
    public void stop() {
        // Both live for the whole JVM, like the broker: a later test class reuses them.
    }

    public static GreenMail greenMail() {
        return greenMail;
    }

    /** Every request the HTTP receiver got, in arrival order. */
    public static List<ReceivedRequest> received() {
        return List.copyOf(RECEIVED);
    }

    public static int httpPort() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}, e.g. with {@link #OK_PATH}. */
    public static String url(String path) {
        return "http://127.0.0.1:" + httpPort() + path;
    }

    private static synchronized void startOnce() {
        if (greenMail != null) {
            return;
        }
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext(OK_PATH, exchange -> answer(exchange, 200));
        http.createContext(FAILING_PATH, exchange -> answer(exchange, 500));
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            greenMail.stop();
        }));
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        try (InputStream in = exchange.getRequestBody()) {
            RECEIVED.add(new ReceivedRequest(exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
