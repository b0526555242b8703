package io.zhengfeng.complaint.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.Rating;
import io.zhengfeng.complaint.service.Status;

/**
 * A citizen's message (诉求) and where it stands. Contact fields hold ciphertext only.
 * {@code version} makes concurrent actions on one complaint collide instead of both winning.
 */
@Entity
@Table(name = "complaint")
public class ComplaintEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "access_code_hash")
    public String accessCodeHash;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String category;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String title;
    public String content;
    /** {@link #title} and {@link #content} without personal data: read and searched by staff without full view. */
    @Column(name = "redacted_title")
    public String redactedTitle;
    @Column(name = "redacted_content")
    public String redactedContent;
    public boolean anonymous;
    public boolean confidential;

    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_id_number")
    public String contactIdNumber;
    @Column(name = "contact_address")
    public String contactAddress;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "recorded_by")
    public String recordedBy;

    public String department;
    /** 首问负责: the first department assigned stays answerable across transfers. */
    @Column(name = "responsible_department")
    public String responsibleDepartment;

    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "acceptance_due_at")
    public Instant acceptanceDueAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "reply_started_at")
    public Instant replyStartedAt;
    @Column(name = "reply_due_at")
    public Instant replyDueAt;
    @Column(name = "replied_at")
    public Instant repliedAt;
    @Column(name = "follow_up_due_at")
    public Instant followUpDueAt;
    /** The deadline reaches a year without holiday data: recomputed when the year is loaded. */
    @Column(name = "acceptance_due_provisional")
    public boolean acceptanceDueProvisional;
    @Column(name = "reply_due_provisional")
    public boolean replyDueProvisional;
    @Column(name = "follow_up_due_provisional")
    public boolean followUpDueProvisional;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "reject_reason")
    public String rejectReason;

    @Column(name = "draft_reply")
    public String draftReply;
    @Column(name = "draft_status")
    public String draftStatus;
    @Column(name = "draft_by")
    public String draftBy;
    @Column(name = "reply_content")
    public String replyContent;
    @Column(name = "reply_published")
    public boolean replyPublished;
    @Column(name = "public_reply")
    public String publicReply;
    @Column(name = "public_content")
    public String publicContent;

    @Column(name = "extension_status")
    public String extensionStatus;
    @Column(name = "extension_days")
    public Integer extensionDays;
    @Column(name = "extension_reason")
    public String extensionReason;

    public boolean overdue;
    @Column(name = "accepted_on_time")
    public Boolean acceptedOnTime;
    @Column(name = "replied_on_time")
    public Boolean repliedOnTime;
    @Column(name = "supervision_count")
    public int supervisionCount;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Enumerated(EnumType.STRING)
    public Rating rating;
    @Column(name = "rating_comment")
    public String ratingComment;
    @Column(name = "rated_at")
    public Instant ratedAt;

    /** The Open311 front end that submitted it, if any. */
    @Column(name = "open311_client")
    public String open311Client;
    @Column(name = "address_string")
    public String addressString;
    public java.math.BigDecimal latitude;
    public java.math.BigDecimal longitude;

    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }
}
