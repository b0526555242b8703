package io.zhengfeng.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.zhengfeng.testing.Await;

/** One live stream connection, read line by line on a thread of its own; closing it hangs up. */
final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final HttpResponse<Stream<String>> response;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // we hung up
            } finally {
                ended = true;
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(int port, String token, Map<String, String> headers, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/notifications/inbox/stream" + (query == null ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    SseClient awaitReady() {
        Await.until(() -> lines.stream().anyMatch(l -> l.replace(" ", "").equals("event:ready")), Duration.ofSeconds(10));
        return this;
    }

    /** The id of the notification event whose data line contains {@code text}, or null. */
    String idOf(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data:") && lines.get(i).contains(text)) {
                for (int j = i - 1; j >= 0 && !lines.get(j).isEmpty(); j--) {
                    if (lines.get(j).startsWith("id:")) {
                        return lines.get(j).substring(3).trim();
                    }
                }
            }
        }
        return null;
    }

    long count(String text) {
        return lines.stream().filter(l -> l.startsWith("data:") && l.contains(text)).count();
    }

    /** The server closed the stream (the body ended without our hanging up). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
