package io.zhengfeng.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds back a partition whose record failed for a transient reason: rewinds it to that record,
 * pauses it and resumes it after a capped exponential delay. Polling goes on meanwhile (other
 * partitions, heartbeats), so nothing is committed past the record and nothing spins.
 * Confined to the consumer thread, like the {@link Consumer} it drives.
 */
final class PartitionBackoff {
    private final Duration initial;
    private final Duration max;
    private final Map<TopicPartition, Integer> failures = new HashMap<>();
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    PartitionBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** How many times in a row this partition's head record has failed. */
    int failures(TopicPartition partition) {
        return failures.getOrDefault(partition, 0);
    }

    /** Rewinds to {@code offset}, pauses, and returns the delay before the next attempt. */
    Duration holdBack(Consumer<?, ?> consumer, TopicPartition partition, long offset) {
        int n = failures.merge(partition, 1, Integer::sum);
        long delayMs = Math.min(max.toMillis(), initial.toMillis() << Math.min(n - 1, 20));
        consumer.seek(partition, offset);
        consumer.pause(Set.of(partition));
        resumeAt.put(partition, System.nanoTime() + delayMs * 1_000_000);
        return Duration.ofMillis(delayMs);
    }

    void succeeded(TopicPartition partition) {
        failures.remove(partition);
    }

    /** Resumes the partitions whose delay has passed; called before each poll. */
    void resumeDue(Consumer<?, ?> consumer) {
        if (resumeAt.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<TopicPartition> due = resumeAt.entrySet().stream().filter(e -> e.getValue() - now <= 0)
                .map(Map.Entry::getKey).toList();
        due.forEach(resumeAt::remove);
        List<TopicPartition> owned = due.stream().filter(consumer.assignment()::contains).toList();
        if (!owned.isEmpty()) {
            consumer.resume(owned);
        }
    }

    /** A revoked partition's state goes with it; its next owner starts from the committed offset. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            failures.remove(p);
            resumeAt.remove(p);
        });
    }

    boolean holdingBack() {
        return !resumeAt.isEmpty();
    }
}
