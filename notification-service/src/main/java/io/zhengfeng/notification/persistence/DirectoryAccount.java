package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A staff account as last announced by the gateway's account feed. */
@Entity
@Table(name = "directory_account")
public class DirectoryAccount {
    @Id
    @Column(length = 100)
    public String username;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "account_id", length = 36)
    public UUID accountId;

    @Column(name = "display_name", length = 200)
    public String displayName;

    @Column(length = 254)
    public String email;

    @Column(length = 100)
    public String department;

    @Column(length = 20)
    public String locale;

    @Column(nullable = false)
    public boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "directory_account_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role", length = 40)
    public Set<String> roles = new HashSet<>();

    /** occurredAt of the account event applied last; an older one is ignored. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
