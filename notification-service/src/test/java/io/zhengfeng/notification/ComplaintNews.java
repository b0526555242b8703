package io.zhengfeng.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.TestEvents;

/** Complaint events as complaint-service publishes them, for driving the notification service's timers. */
final class ComplaintNews {
    final UUID id;
    final String trackingNumber;

    ComplaintNews() {
        this(UUID.randomUUID());
    }

    private ComplaintNews(UUID id) {
        this(id, "ZF-T-" + id.toString().substring(0, 6).toUpperCase());
    }

    ComplaintNews(UUID id, String trackingNumber) {
        this.id = id;
        this.trackingNumber = trackingNumber;
    }

    /** Announces the complaint's state after {@code happened} (e.g. "accepted") with these open deadlines. */
    String say(String happened, String status, String department, Deadline... open) {
        return sayAsOf(Instant.now(), happened, status, department, open);
    }

    /** The same, as of {@code occurredAt}: an earlier instant makes a stale, reordered piece of news. */
    String sayAsOf(Instant occurredAt, String happened, String status, String department, Deadline... open) {
        ComplaintEvent event = new ComplaintEvent(id, trackingNumber, "complaint", "web", "urban_planning", status, null,
                department, department, false, List.of(open), occurredAt);
        return TestEvents.send(Topics.COMPLAINTS, EventTypes.complaint(happened), Sources.COMPLAINT_SERVICE, id, event);
    }

    /**
     * A deadline of {@code kind} that started {@code startedAgoMs} ago and ends in about {@code dueInMs}.
     * Whole seconds, as real deadlines (18:00:00) are.
     */
    static Deadline deadline(String kind, long startedAgoMs, long dueInMs) {
        Instant now = Instant.now();
        return new Deadline(kind, now.minusMillis(startedAgoMs).truncatedTo(ChronoUnit.SECONDS),
                now.plusMillis(dueInMs).truncatedTo(ChronoUnit.SECONDS));
    }
}
