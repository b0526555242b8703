package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's channel choices per notification type and quiet hours. Absent row = defaults. */
@Entity
@Table(name = "notification_preference")
public class Preference {
    @Id
    @Column(length = 100)
    public String username;

    /** JSON object: notification type → list of channel names. */
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String channels;

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
