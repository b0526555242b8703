package io.zhengfeng.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A real HTTP server standing in for one of the suite's services, on the port the gateway routes
 * that service to. Ready by default, serves an OpenAPI document, and answers anything else with an
 * echo of what it received (recorded, so a test can prove a request did or did not arrive).
 */
public final class FakeService implements AutoCloseable {
    private static final Vertx VERTX = Vertx.vertx();

    public record Received(String method, String uri, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final String name;
    private final int port;
    private final Router router = Router.router(VERTX);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private JsonObject openapi;
    private HttpServer server;

    private FakeService(String name, int port) {
        this.name = name;
        this.port = port;
        this.openapi = new JsonObject().put("openapi", "3.0.3").put("info", new JsonObject().put("title", name))
                .put("paths", new JsonObject());
    }

    public static FakeService of(String name) {
        return replica(name, 0);
    }

    /** On the service's first {@code health-url} (its management port), where the gateway asks its readiness. */
    public static FakeService managementOf(String name) {
        return new FakeService(name + " (management)",
                ConfigProvider.getConfig().getValues("zhengfeng.gateway.routes." + name + ".health-url", URI.class)
                        .get(0).getPort());
    }

    /** The {@code index}-th of the service's upstream URLs, when the route lists several replicas. */
    public static FakeService replica(String name, int index) {
        return new FakeService(name, ConfigProvider.getConfig()
                .getValues("zhengfeng.gateway.routes." + name + ".upstream", URI.class).get(index).getPort());
    }

    public FakeService on(String path, Handler<RoutingContext> handler) {
        router.route(path).handler(handler);
        return this;
    }

    public FakeService openapi(JsonObject document) {
        this.openapi = document;
        return this;
    }

    public FakeService start() {
        router.route("/q/health/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.route("/q/openapi").handler(ctx -> ctx.json(openapi));
        router.route().handler(this::echo);
        try {
            server = VERTX.createHttpServer()
                    .requestHandler(request -> {
                        received.add(new Received(request.method().name(), request.uri(), lowerCase(request.headers())));
                        router.handle(request);
                    })
                    .listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Fake " + name + " could not listen on " + port, e);
        }
        return this;
    }

    public int port() {
        return port;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests that carried {@code X-Test-Marker: marker}. */
    public List<Received> marked(String marker) {
        return received.stream().filter(r -> marker.equals(r.header("X-Test-Marker"))).toList();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server = null;
        }
    }

    private void echo(RoutingContext ctx) {
        ctx.request().body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            String requestId = ctx.request().getHeader("X-Request-Id");
            if (requestId != null) {
                ctx.response().putHeader("X-Request-Id", requestId); // as the services' RequestIdFilter does
            }
            ctx.response()
                    .setStatusCode("POST".equals(ctx.request().method().name()) ? 201 : 200)
                    .putHeader("X-Upstream", name)
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("service", name)
                            .put("method", ctx.request().method().name())
                            .put("uri", ctx.request().uri())
                            .put("headers", headers)
                            .put("bodyLength", body.length())
                            .encode());
        });
    }

    private static Map<String, String> lowerCase(MultiMap headers) {
        return headers.entries().stream().collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue,
                (a, b) -> a + ", " + b));
    }
}
