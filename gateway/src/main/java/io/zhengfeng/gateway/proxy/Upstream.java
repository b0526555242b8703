package io.zhengfeng.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.zhengfeng.gateway.config.GatewayConfig;

/**
 * One routed service: its replicas (parsed once from its base URLs, all on the same base path), the
 * prefixes routed to it and what the gateway asks it. Replicas are taken round-robin.
 */
public final class Upstream {
    private final String name;
    private final List<Replica> replicas;
    private final String basePath;
    private final List<String> prefixes;
    private final String healthPath;
    private final String openapiPath;
    private final AtomicInteger turn = new AtomicInteger();

    private Upstream(String name, List<Replica> replicas, String basePath, List<String> prefixes, String healthPath,
            String openapiPath) {
        this.name = name;
        this.replicas = replicas;
        this.basePath = basePath;
        this.prefixes = prefixes;
        this.healthPath = healthPath;
        this.openapiPath = openapiPath;
    }

    public static Upstream of(String name, GatewayConfig.Route route, Duration coolDown) {
        if (route.upstream().isEmpty()) {
            throw new IllegalArgumentException("Route " + name + " has no upstream URL");
        }
        List<URI> health = route.healthUrl().orElse(route.upstream());
        if (health.size() != route.upstream().size()) {
            throw new IllegalArgumentException("Route " + name + " has " + route.upstream().size()
                    + " upstream URLs but " + health.size() + " health URLs (one per replica, in the same order): "
                    + health);
        }
        for (URI url : health) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("Health URL of route " + name + " must be an http(s) URL: " + url);
            }
        }
        List<Replica> replicas = new ArrayList<>();
        String basePath = null;
        for (int i = 0; i < route.upstream().size(); i++) {
            URI url = route.upstream().get(i);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("Upstream of route " + name + " must be an http(s) URL: " + url);
            }
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (basePath != null && !basePath.equals(path)) {
                throw new IllegalArgumentException("Replicas of route " + name + " must share one base path: " + route.upstream());
            }
            basePath = path;
            replicas.add(new Replica(url, health.get(i), coolDown));
        }
        List<String> prefixes = route.prefixes().stream()
                .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                .toList();
        return new Upstream(name, List.copyOf(replicas), basePath, prefixes, route.healthPath(), route.openapiPath());
    }

    public String name() {
        return name;
    }

    public List<Replica> replicas() {
        return replicas;
    }

    public String basePath() {
        return basePath;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    public String healthPath() {
        return healthPath;
    }

    public String openapiPath() {
        return openapiPath;
    }

    /**
     * The replicas in the order a request should try them: those in rotation starting from the next
     * one's turn, then those passed over (a last resort beats refusing the request outright).
     */
    public List<Replica> inTurn() {
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        List<Replica> ready = new ArrayList<>(replicas.size());
        List<Replica> passedOver = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get((start + i) % replicas.size());
            (replica.inRotation() ? ready : passedOver).add(replica);
        }
        ready.addAll(passedOver);
        return ready;
    }

    /** Absolute URL of {@code pathAndQuery} on {@code replica} (for the gateway's own calls). */
    public String url(Replica replica, String pathAndQuery) {
        return replica.address() + basePath + pathAndQuery;
    }

    @Override
    public String toString() {
        return name + " " + replicas;
    }
}
