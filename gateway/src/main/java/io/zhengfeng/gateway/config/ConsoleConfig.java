package io.zhengfeng.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The staff console and the browser's way into the live stream ({@code ZF_STREAM_TICKET_LIFETIME}). */
@ConfigMapping(prefix = "zhengfeng.console")
public interface ConsoleConfig {

    /** How long a stream ticket may wait for its one connection. */
    @WithDefault("30s")
    Duration streamTicketLifetime();

    /** The live stream path whose requests may carry {@code ?ticket=} instead of a bearer token. */
    @WithDefault("/api/notifications/inbox/stream")
    String streamPath();
}
