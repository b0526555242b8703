package io.zhengfeng.gateway.web;

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
}
