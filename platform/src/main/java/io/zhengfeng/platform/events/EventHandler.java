package io.zhengfeng.platform.events;

import java.util.List;
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

    /**
     * Called once per consumer batch, in its transaction and before the first {@link #handle} of it,
     * with the batch's events this handler is about to handle (in order, duplicates left out): a
     * handler that reads a row per event can read them all in one query here.
     */
    default void prepare(List<IncomingEvent> events) {
    }
}
