package io.zhengfeng.complaint.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.complaint.service.AuditTrail;

/**
 * Issues, lists, revokes and checks Open311 api keys. Only the SHA-256 of a key is stored (keys are
 * 192 random bits, so a plain hash is enough: nothing to guess); issue and revocation are audited.
 */
@ApplicationScoped
public class Open311Keys {
    private final SecureRandom random = new SecureRandom();
    private final Optional<String> demoKey;
    private final AuditTrail audit;

    public Open311Keys(Open311Config config, AuditTrail audit) {
        this.demoKey = config.demoKey();
        this.audit = audit;
    }

    @Transactional
    void seedDemoKey(@Observes StartupEvent ignored) {
        demoKey.filter(key -> Open311Client.count("apiKeyHash", hash(key)) == 0)
                .ifPresent(key -> store("demo front end", key, "system"));
    }

    public record IssuedKey(String clientId, String name, String apiKey) {
    }

    /** A key as admin sees it in the list: never the key itself, which is not kept. */
    public record KeyView(String clientId, String name, String createdBy, Instant createdAt, boolean active) {
    }

    @Transactional
    public IssuedKey issue(String name, String admin) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Open311Client client = store(name, key, admin);
        audit.record("open311-key.issue", client.id, AuditTrail.ALLOWED, "front end " + name);
        return new IssuedKey(client.id, name, key);
    }

    @Transactional
    public List<KeyView> list() {
        return Open311Client.<Open311Client>listAll(Sort.by("createdAt").and("id")).stream()
                .map(c -> new KeyView(c.id, c.name, c.createdBy, c.createdAt, c.active)).toList();
    }

    /** @return false when no key has that id; revoking a revoked key again changes nothing and is not audited */
    @Transactional
    public boolean revoke(String clientId) {
        Open311Client client = Open311Client.findById(clientId);
        if (client == null) {
            return false;
        }
        if (client.active) {
            client.active = false;
            audit.record("open311-key.revoke", client.id, AuditTrail.ALLOWED, "front end " + client.name);
        }
        return true;
    }

    /** @return the client's id, empty for a missing, unknown or revoked key */
    @Transactional
    public Optional<String> clientFor(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return Open311Client.<Open311Client>find("apiKeyHash = ?1 and active = true", hash(apiKey))
                .firstResultOptional().map(c -> c.id);
    }

    private Open311Client store(String name, String key, String by) {
        Open311Client client = new Open311Client();
        client.id = UUID.randomUUID().toString();
        client.name = name;
        client.apiKeyHash = hash(key);
        client.createdBy = by;
        client.createdAt = Instant.now();
        client.active = true;
        client.persist();
        return client;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
