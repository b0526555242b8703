package io.zhengfeng.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.zhengfeng.gateway.config.GatewayConfig;

/**
 * The routed services and the one non-blocking HTTP client the gateway uses towards them (proxying,
 * health probes, OpenAPI documents). It runs on Quarkus's own Vert.x: proxying costs no threads.
 */
@ApplicationScoped
public class UpstreamClient {
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions poolOptions;
    private final HttpClient client;
    /** Per event-loop thread: see {@link #onThisEventLoop()}. */
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();
    private final List<Upstream> upstreams;
    private final Duration probeTimeout;

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.options = new HttpClientOptions()
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setKeepAlive(true)
                // bodies are passed on as the service sent them, compressed or not
                .setDecompressionSupported(false)
                .setTryUseCompression(false);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.upstream().maxConnections());
        this.client = vertx.createHttpClient(options, poolOptions);
        this.upstreams = config.routes().entrySet().stream()
                .map((Map.Entry<String, GatewayConfig.Route> route) -> Upstream.of(route.getKey(), route.getValue(),
                        config.upstream().coolDown()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        this.probeTimeout = config.upstream().probeTimeout();
    }

    public HttpClient client() {
        return client;
    }

    /**
     * The client for proxying from the calling event loop. One client's pool lends a connection made on
     * any event loop, and every write and read of a request whose connection lives on another loop is
     * handed across threads (a queued task and a selector wake-up each way): the gateway's profile showed
     * that contention on every proxied request. A client per loop keeps each request and its upstream
     * connection on one thread. Off an event loop, the shared client.
     */
    public HttpClient onThisEventLoop() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            return client;
        }
        return perEventLoop.computeIfAbsent(Thread.currentThread(), loop -> vertx.createHttpClient(options, poolOptions));
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    /** A GET the gateway makes for itself from the replica whose turn it is. */
    public Uni<Reply> get(Upstream upstream, String pathAndQuery) {
        return get(upstream, upstream.inTurn().get(0), pathAndQuery);
    }

    /** A GET the gateway makes for itself, bounded by the probe timeout as a whole. */
    public Uni<Reply> get(Upstream upstream, Replica replica, String pathAndQuery) {
        return get(upstream.url(replica, pathAndQuery));
    }

    /** The replica's readiness, asked where it serves health (its management interface in production). */
    public Uni<Reply> health(Upstream upstream, Replica replica) {
        return get(replica.healthUrl(upstream.healthPath()));
    }

    private Uni<Reply> get(String absoluteUrl) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(absoluteUrl)
                .setConnectTimeout(probeTimeout.toMillis())
                .setIdleTimeout(probeTimeout.toMillis())
                .putHeader("Accept", "application/json");
        return Uni.createFrom().completionStage(() -> client.request(options)
                        .compose(request -> request.send())
                        .compose(response -> response.body().map(body -> new Reply(response, body)))
                        .toCompletionStage())
                .ifNoItem().after(probeTimeout).failWith(() -> new UpstreamTimeoutException(probeTimeout));
    }

    public record Reply(int status, Buffer body) {
        Reply(HttpClientResponse response, Buffer body) {
            this(response.statusCode(), body);
        }
    }

    @PreDestroy
    void close() {
        client.close();
        perEventLoop.values().forEach(HttpClient::close);
    }
}
