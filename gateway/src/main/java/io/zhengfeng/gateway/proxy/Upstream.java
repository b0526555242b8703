package io.zhengfeng.gateway.proxy;

import java.net.URI;
import java.util.List;

import io.zhengfeng.gateway.config.GatewayConfig;

/** One routed service: where it listens (parsed once from its base URL) and what the gateway asks it. */
public record Upstream(String name, String host, int port, boolean ssl, String basePath, List<String> prefixes,
        String healthPath, String openapiPath) {

    public static Upstream of(String name, GatewayConfig.Route route) {
        URI url = route.upstream();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("Upstream of route " + name + " must be an http(s) URL: " + url);
        }
        boolean ssl = scheme.equals("https");
        int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        List<String> prefixes = route.prefixes().stream()
                .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                .toList();
        return new Upstream(name, url.getHost(), port, ssl, path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                prefixes, route.healthPath(), route.openapiPath());
    }

    /** Absolute URL of {@code pathAndQuery} on this service (for the gateway's own calls). */
    public String url(String pathAndQuery) {
        return (ssl ? "https://" : "http://") + host + ":" + port + basePath + pathAndQuery;
    }
}
