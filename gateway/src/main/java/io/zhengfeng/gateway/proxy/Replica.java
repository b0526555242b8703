package io.zhengfeng.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process of a routed service. Its health is passive: a replica that refused a connection or
 * failed its readiness is passed over for a cool-down, then tried again by the next request that
 * comes its way (or put back at once by a readiness probe that finds it ready).
 */
public final class Replica {
    private final String host;
    private final int port;
    private final boolean ssl;
    private final long coolDownNanos;
    /** Base URL its readiness is asked at (its management interface), without a trailing slash. */
    private final String healthBase;
    /** {@link System#nanoTime()} until which this replica is passed over; 0 when it is in rotation. */
    private final AtomicLong passedOverUntil = new AtomicLong();

    Replica(URI url, URI health, Duration coolDown) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        this.ssl = scheme.equals("https");
        this.host = url.getHost();
        this.port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
        this.coolDownNanos = coolDown.toNanos();
        String base = health.toString();
        this.healthBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    /** {@code http(s)://host:port}, without the service's base path: how health reports name it. */
    public String address() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }

    /** Absolute URL of {@code path} where this replica answers its health (its management interface). */
    public String healthUrl(String path) {
        return healthBase + path;
    }

    public boolean inRotation() {
        long until = passedOverUntil.get();
        return until == 0 || System.nanoTime() - until >= 0;
    }

    /** Nothing could be sent to it, or it said it is not ready: pass it over for the cool-down. */
    public void passOver() {
        passedOverUntil.set(System.nanoTime() + coolDownNanos | 1); // never 0, which means "in rotation"
    }

    /** It answered its readiness probe: back in rotation at once. */
    public void restore() {
        passedOverUntil.set(0);
    }

    @Override
    public String toString() {
        return address();
    }
}
