package io.zhengfeng.gateway.account;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A staff member who can log in. Never leaves the service as is: REST and events get views. */
@Entity
@Table(name = "account")
public class Account {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64, updatable = false)
    private String username;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(length = 64)
    private String department;

    @Column(nullable = false, length = 16)
    private String locale;

    @Column(nullable = false)
    private boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role", nullable = false, length = 32)
    private Set<String> roles = new TreeSet<>();

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    Account(String username, String passwordHash, AccountProfile profile, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        apply(profile, now);
    }

    void apply(AccountProfile profile, Instant now) {
        this.displayName = profile.displayName();
        this.email = profile.email();
        this.department = profile.department();
        this.locale = profile.locale();
        this.active = profile.active();
        this.roles.clear();
        this.roles.addAll(profile.roles());
        this.updatedAt = now;
    }

    void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    public String department() {
        return department;
    }

    public AccountProfile profile() {
        return new AccountProfile(displayName, email, Set.copyOf(roles), department, locale, active);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
