package io.zhengfeng.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The first line the running Quarkus app writes to its access log that matches, as written: for
 * tests of what the access log does (and does not) contain. Open it before the request.
 */
public final class AccessLogLine extends Handler implements AutoCloseable {
    private static final String CATEGORY = "io.quarkus.http.access-log";
    private final Predicate<String> wanted;
    private final CompletableFuture<String> line = new CompletableFuture<>();

    private AccessLogLine(Predicate<String> wanted) {
        this.wanted = wanted;
    }

    public static AccessLogLine matching(Predicate<String> wanted) {
        AccessLogLine capture = new AccessLogLine(wanted);
        Logger.getLogger(CATEGORY).addHandler(capture);
        return capture;
    }

    /** Waits for the line (the access log is written once the response has gone). */
    public String get() throws Exception {
        return line.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message != null && wanted.test(message)) {
            line.complete(message);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }
}
