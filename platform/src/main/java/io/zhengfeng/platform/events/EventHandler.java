package io.zhengfeng.platform.events;

import java.util.Set;

/**
 * A consumer's reaction to events of some types. Implementations are CDI beans; the
 * {@link EventConsumer} calls {@link #handle} inside a transaction that also records the event's
 * {@code ce_id}, so the effect happens exactly once however often Kafka delivers it.
 */
public interface EventHandler {

    /** Topic this handler listens to. */
    String topic();

    /** CloudEvents types it applies; other types on the topic are skipped. */
    Set<String> types();

    void handle(IncomingEvent event);
}
