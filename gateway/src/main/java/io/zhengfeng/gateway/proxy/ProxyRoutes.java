package io.zhengfeng.gateway.proxy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyOptions;
import io.zhengfeng.gateway.config.GatewayConfig;
import io.zhengfeng.gateway.web.BodyLimit;
import io.zhengfeng.gateway.web.RouteProblems;

/**
 * Mounts the route table on Quarkus's HTTP router: each prefix of each route gets the chain
 * path guard → edge JWT check → anonymous-write limit → proxy.
 *
 * <p>Why {@code io.vertx:vertx-http-proxy}: it is the Vert.x project's own reverse proxy, built on
 * the very Vert.x that runs Quarkus (its version comes from the Quarkus BOM, so the two always
 * match). It already does the parts that are easy to get subtly wrong by hand: both bodies piped
 * with back-pressure and never buffered (a 5 MB upload or an endless {@code text/event-stream}
 * flows chunk by chunk), Content-Length versus chunked framing, hop-by-hop headers, and resetting
 * the other side when one side goes away. What is ours is small and sits in its interceptor API:
 * forwarding headers, timeouts and problem+json errors ({@link ForwardingInterceptor}), and which
 * replica of a service gets the request ({@link Upstream#inTurn()}, through its origin selector).
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Dot segments and encoded separators: a path the service could resolve differently from us. */
    private static final Pattern AMBIGUOUS_PATH = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)|%2f|%5c|\\\\");

    private final GatewayConfig config;
    private final UpstreamClient upstreamClient;
    private final Vertx vertx;
    private final EdgeAuthentication edgeAuthentication;
    private final AnonymousWriteLimit anonymousWriteLimit;
    private final RouteProblems problems;

    public ProxyRoutes(GatewayConfig config, UpstreamClient upstreamClient, Vertx vertx,
            EdgeAuthentication edgeAuthentication, AnonymousWriteLimit anonymousWriteLimit, RouteProblems problems) {
        this.config = config;
        this.upstreamClient = upstreamClient;
        this.vertx = vertx;
        this.edgeAuthentication = edgeAuthentication;
        this.anonymousWriteLimit = anonymousWriteLimit;
        this.problems = problems;
    }

    void mount(@Observes Router router) {
        record Mount(String prefix, Upstream upstream, HttpProxy proxy) {
        }
        List<Mount> mounts = new ArrayList<>();
        for (Upstream upstream : upstreamClient.upstreams()) {
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), upstreamClient.client())
                    .origin(context -> open(upstream, context))
                    .addInterceptor(new ForwardingInterceptor(upstream, problems));
            upstream.prefixes().forEach(prefix -> mounts.add(new Mount(prefix, upstream, proxy)));
        }
        // Longest prefix first, so a more specific route wins over a shorter one that contains it.
        mounts.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        for (Mount mount : mounts) {
            for (String path : List.of(mount.prefix(), mount.prefix() + "/*")) {
                router.route(path)
                        .handler(this::refuseAmbiguousPath)
                        .handler(edgeAuthentication)
                        .handler(anonymousWriteLimit)
                        .handler(proxyTo(mount.proxy()));
            }
            LOG.infof("Route %s/** -> %s", mount.prefix(), mount.upstream());
        }
    }

    /**
     * The replica whose turn it is; when nothing could be sent to it (refused, unresolvable, no
     * connection in time) it is passed over and the request, whatever its method, goes to the next
     * one, once. A request that reached a replica is never sent again: a POST may have taken effect.
     */
    private Future<HttpClientRequest> open(Upstream upstream, ProxyContext context) {
        List<Replica> order = upstream.inTurn();
        return open(order.get(0), context).recover(failure -> {
            if (!nothingSent(failure)) {
                return Future.failedFuture(failure);
            }
            order.get(0).passOver();
            if (order.size() < 2) {
                return Future.failedFuture(failure);
            }
            LOG.warnf("%s %s: %s could not be reached (%s); sent to %s instead", context.request().getMethod(),
                    context.request().getURI(), order.get(0), failure.getMessage(), order.get(1));
            return open(order.get(1), context).onFailure(again -> {
                if (nothingSent(again)) {
                    order.get(1).passOver();
                }
            });
        });
    }

    private Future<HttpClientRequest> open(Replica replica, ProxyContext context) {
        GatewayConfig.Upstream settings = config.upstream();
        RequestOptions options = new RequestOptions()
                .setHost(replica.host())
                .setPort(replica.port())
                .setSsl(replica.ssl())
                .setConnectTimeout(settings.connectTimeout().toMillis());
        return upstreamClient.onThisEventLoop().request(options).map(request -> {
            // Until the response headers: a live event stream may then stay quiet for as long as it likes.
            // Vert.x reports the reset as a StreamResetException, so the reason is noted on the context too.
            long timer = vertx.setTimer(settings.responseTimeout().toMillis(), id -> {
                context.set(ForwardingInterceptor.TIMED_OUT, Boolean.TRUE);
                request.reset(0, new UpstreamTimeoutException(settings.responseTimeout()));
            });
            request.response().onComplete(done -> vertx.cancelTimer(timer));
            return request;
        });
    }

    /** Failures of opening the connection: the request itself has not left the gateway. */
    static boolean nothingSent(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException || failure instanceof NoRouteToHostException;
    }

    private void refuseAmbiguousPath(RoutingContext ctx) {
        if (AMBIGUOUS_PATH.matcher(ctx.request().path()).find()) {
            problems.send(ctx.response(), 400, "ambiguous-path", "Ambiguous path",
                    "Dot segments and encoded slashes are not accepted in paths");
            return;
        }
        ctx.next();
    }

    private static Handler<RoutingContext> proxyTo(HttpProxy proxy) {
        return ctx -> proxy.handle(BodyLimit.request(ctx)); // a chunked body is counted as it streams
    }
}
