package io.zhengfeng.gateway.web;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How large a request body the gateway lets through ({@link BodyLimit}). */
@ConfigMapping(prefix = "zhengfeng.body-limit")
public interface BodyLimitConfig {
    /** Any route without a cap of its own (ZF_BODY_LIMIT). */
    @WithDefault("1M")
    MemorySize max();

    /** Path prefix → cap, for the routes that take larger bodies (inspection photos); longest prefix wins. */
    Map<String, MemorySize> paths();

    /**
     * How long the rest of a refused body is read and dropped before the connection is closed, so the
     * client can read its 413 (ZF_BODY_LIMIT_LINGER).
     */
    @WithDefault("5s")
    Duration linger();
}
