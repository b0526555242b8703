package io.zhengfeng.notification.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user has read an inbox item (which may be addressed to one of their roles). */
@Entity
@Table(name = "inbox_read")
@IdClass(InboxRead.Key.class)
public class InboxRead {
    @Id
    @Column(length = 100)
    public String username;

    @Id
    @Column(name = "notification_seq")
    public Long notificationSeq;

    @Column(name = "read_at", nullable = false)
    public Instant readAt;

    public static class Key implements Serializable {
        public String username;
        public Long notificationSeq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(username, k.username) && Objects.equals(notificationSeq, k.notificationSeq);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, notificationSeq);
        }
    }
}
