package io.zhengfeng.gateway.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.ext.web.RoutingContext;

/**
 * Caps request bodies at the edge, whatever their framing, without buffering them. A declared
 * {@code Content-Length} over the cap is answered 413 before a byte of the body is read. A chunked
 * body is counted as it streams through the proxy ({@link #request}); the moment it passes the cap
 * the upstream request is broken off (the service never sees a complete body, so it acts on
 * nothing) and the client gets 413 problem+json, then the connection is closed. The gateway's own
 * endpoints get the same cap through Quarkus's body reader.
 */
@ApplicationScoped
public class BodyLimit {
    private static final Logger LOG = Logger.getLogger(BodyLimit.class);
    /** After the request id (10 000), so the 413 names it; before the routes. */
    private static final int PRIORITY = 9_000;
    /** After Quarkus's own upload-limit route (order -2), which would set its global cap otherwise. */
    private static final int AFTER_UPLOAD_LIMIT = 1;
    private static final String CAPPED_REQUEST = "zhengfeng.capped-request";

    private final long max;
    private final List<Map.Entry<String, Long>> paths;
    private final RouteProblems problems;
    private final LingeringClose lingeringClose;

    public BodyLimit(BodyLimitConfig config, RouteProblems problems, LingeringClose lingeringClose) {
        this.max = config.max().asLongValue();
        this.paths = config.paths().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().asLongValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> e) -> e.getKey().length()).reversed())
                .toList();
        this.problems = problems;
        this.lingeringClose = lingeringClose;
    }

    /** What the proxy must read the body from: the counting wrapper when the body is chunked. */
    public static HttpServerRequest request(RoutingContext ctx) {
        HttpServerRequest capped = ctx.get(CAPPED_REQUEST);
        return capped != null ? capped : ctx.request();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
        filters.register(ctx -> {
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, capFor(ctx.normalizedPath()));
            ctx.next();
        }, AFTER_UPLOAD_LIMIT);
    }

    long capFor(String path) {
        return paths.stream().filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey() + "/"))
                .map(Map.Entry::getValue).findFirst().orElse(max);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long cap = capFor(ctx.normalizedPath());
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1; // the proxy answers a malformed length 400 itself
            }
            if (declared > cap) {
                refuse(ctx, cap);
                return;
            }
        } else if (request instanceof HttpServerRequestInternal internal) {
            ctx.put(CAPPED_REQUEST, new CountingRequest(internal, cap, () -> refuse(ctx, cap)));
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, long cap) {
        LOG.infof("%s %s: request body over %d bytes refused", ctx.request().method(), ctx.normalizedPath(), cap);
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        problems.send(ctx.response(), 413, "body-too-large", "Request body too large",
                "The request body exceeds " + cap + " bytes");
        lingeringClose.after(ctx);
    }

    /** The incoming request as the proxy reads it, counting the body and cutting it off past the cap. */
    static final class CountingRequest extends HttpServerRequestWrapper {
        private final long cap;
        private final Runnable onExceeded;
        private long seen;
        private boolean exceeded;
        private Handler<Throwable> exceptionHandler;

        CountingRequest(HttpServerRequestInternal delegate, long cap, Runnable onExceeded) {
            super(delegate);
            this.cap = cap;
            this.onExceeded = onExceeded;
        }

        /** Once past the cap the body belongs to {@link LingeringClose}: the proxy's handlers are not set any more. */
        @Override
        public HttpServerRequest handler(Handler<Buffer> handler) {
            if (exceeded) {
                return this;
            }
            delegate.handler(handler == null ? null : chunk -> {
                if (exceeded) {
                    return;
                }
                seen += chunk.length();
                if (seen <= cap) {
                    handler.handle(chunk);
                    return;
                }
                exceeded = true;
                delegate.resume(); // drain what the client already sent, so the close is clean
                onExceeded.run(); // the 413 first: failing the pipe next makes the proxy try a 502
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new IllegalStateException("request body over " + cap + " bytes"));
                }
            });
            return this;
        }

        @Override
        public HttpServerRequest endHandler(Handler<Void> handler) {
            if (exceeded) {
                return this;
            }
            delegate.endHandler(handler == null ? null : v -> {
                if (!exceeded) {
                    handler.handle(v);
                }
            });
            return this;
        }

        @Override
        public HttpServerRequest exceptionHandler(Handler<Throwable> handler) {
            if (exceeded) {
                return this;
            }
            this.exceptionHandler = handler;
            delegate.exceptionHandler(handler);
            return this;
        }

        /**
         * An HTTP/2 body (h2c, as the JDK client upgrades to) has no framing header; the proxy would
         * then send it upstream over HTTP/1.1 neither chunked nor with a length, and lose it. It is
         * chunked on that hop, so say so (the proxy drops the header as hop-by-hop when forwarding).
         */
        @Override
        public MultiMap headers() {
            MultiMap headers = delegate.headers();
            if (delegate.version() != HttpVersion.HTTP_2 || headers.contains(HttpHeaders.CONTENT_LENGTH)) {
                return headers;
            }
            return MultiMap.caseInsensitiveMultiMap().addAll(headers).set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        }

        @Override
        public HttpServerRequest pause() {
            if (!exceeded) {
                delegate.pause();
            }
            return this;
        }
    }
}
