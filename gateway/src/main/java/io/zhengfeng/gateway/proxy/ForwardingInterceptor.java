package io.zhengfeng.gateway.proxy;

import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import io.zhengfeng.gateway.web.RouteProblems;
import io.zhengfeng.platform.problem.Problem;

/**
 * What the gateway adds to Vert.x's proxying: the {@code X-Forwarded-*} headers, the service's base
 * path, removal of the hop-by-hop headers the library does not know about (those named in
 * {@code Connection}) and of the service's own CORS headers (the gateway owns CORS), and the
 * problem+json answer when the service is down (503 with {@code Retry-After}: a client should come
 * back, DESIGN "When something fails"), breaks off (502) or does not answer in time (504).
 */
final class ForwardingInterceptor implements ProxyInterceptor {
    private static final Logger LOG = Logger.getLogger(ForwardingInterceptor.class);
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    /** Seconds a client is asked to wait when a service is down: about a restart's length. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** Context attachment set when the response timeout fired. */
    static final String TIMED_OUT = "zhengfeng.upstream-timed-out";

    private final Upstream upstream;
    private final RouteProblems problems;

    ForwardingInterceptor(Upstream upstream, RouteProblems problems) {
        this.upstream = upstream;
        this.problems = problems;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        MultiMap headers = request.headers();
        removeConnectionHeaders(headers);
        String client = incoming.remoteAddress() == null ? null : incoming.remoteAddress().hostAddress();
        if (client != null) {
            String chain = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", chain == null || chain.isBlank() ? client : chain + ", " + client);
        }
        headers.set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
        String host = incoming.authority() != null ? incoming.authority().toString() : incoming.getHeader(HttpHeaders.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        if (!upstream.basePath().isEmpty()) {
            request.setURI(upstream.basePath() + request.getURI());
        }
        return context.sendRequest().recover(failure -> Future.succeededFuture(failed(context, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        removeConnectionHeaders(headers);
        headers.names().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"))
                .toList()
                .forEach(headers::remove);
        return context.sendResponse();
    }

    private ProxyResponse failed(ProxyContext context, Throwable failure) {
        ProxyRequest request = context.request();
        boolean timeout = Boolean.TRUE.equals(context.get(TIMED_OUT, Boolean.class))
                || failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
        HttpServerRequest incoming = request.proxiedRequest();
        LOG.warnf("%s %s -> %s failed: %s", incoming.method(), incoming.path(), upstream.name(),
                timeout ? "no response in time" : describe(failure));
        boolean down = !timeout && failure instanceof ConnectException; // nothing listens: down or restarting
        int status = timeout ? 504 : down ? 503 : 502;
        String slug = timeout ? "upstream-timeout" : "upstream-unavailable";
        String title = timeout ? "Upstream timeout" : "Upstream unavailable";
        String detail = timeout
                ? "The " + upstream.name() + " did not answer in time; try again later"
                : "The " + upstream.name() + " cannot be reached; try again later";
        ProxyResponse response = request.release().response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problems.body(status, slug, title, detail)));
        if (down) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response;
    }

    /** RFC 9110 §7.6.1: a header named in {@code Connection} is meant for this hop only. */
    private static void removeConnectionHeaders(MultiMap headers) {
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String name : connection.split(",")) {
                if (!name.isBlank()) {
                    headers.remove(name.trim());
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }

    private static String describe(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof TimeoutException
                ? failure.getMessage() : failure.toString();
    }
}
