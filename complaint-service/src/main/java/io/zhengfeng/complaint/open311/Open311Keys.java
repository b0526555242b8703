package io.zhengfeng.complaint.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.StartupEvent;

/** Issues and checks Open311 api keys; stores SHA-256 of each key (keys are long random strings). */
@ApplicationScoped
public class Open311Keys {
    private final SecureRandom random = new SecureRandom();
    private final Optional<String> demoKey;

    public Open311Keys(Open311Config config) {
        this.demoKey = config.demoKey();
    }

    @Transactional
    void seedDemoKey(@Observes StartupEvent ignored) {
        demoKey.filter(key -> Open311Client.count("apiKeyHash", hash(key)) == 0)
                .ifPresent(key -> store("demo front end", key, "system"));
    }

    public record IssuedKey(String clientId, String name, String apiKey) {
    }

    @Transactional
    public IssuedKey issue(String name, String admin) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Open311Client client = store(name, key, admin);
        return new IssuedKey(client.id, name, key);
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
