package io.zhengfeng.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends the connection of a request that was answered before its body was read (413, 429). Closing
 * while the client is still sending makes the kernel answer its next segment with a reset, which can
 * destroy the answer before the client has read it: the client sees a dropped connection, not the
 * 413. So, as nginx's {@code lingering_close}, what still comes is read and dropped, never
 * forwarded, and the connection goes when the body has ended or after
 * {@link BodyLimitConfig#linger()}, whichever is first.
 */
@ApplicationScoped
public class LingeringClose {
    private final long lingerMillis;

    public LingeringClose(BodyLimitConfig config) {
        this.lingerMillis = config.linger().toMillis();
    }

    /**
     * Sends {@code answer} to a request whose body will not be read (a 429 before forwarding). With a
     * body still to come the connection goes after the answer — kept, the body would arrive as the next
     * request — lingering while it comes; without one it stays open.
     */
    public void refuseUnread(RoutingContext ctx, Runnable answer) {
        boolean bodyUnread = !ctx.request().isEnded();
        if (bodyUnread) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        answer.run();
        if (bodyUnread) {
            after(ctx);
        }
    }

    /** Call after the answer was sent or started, with {@code Connection: close} on it. */
    public void after(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            closeAfterResponse(ctx, connection);
            return;
        }
        ctx.vertx().setTimer(lingerMillis, id -> connection.close()); // a no-op when already closed
        request.handler(chunk -> { });
        request.exceptionHandler(e -> connection.close());
        request.endHandler(v -> closeAfterResponse(ctx, connection));
        request.resume();
    }

    private static void closeAfterResponse(RoutingContext ctx, HttpConnection connection) {
        if (ctx.response().ended()) {
            connection.close();
        } else {
            ctx.response().endHandler(v -> connection.close());
        }
    }
}
