package io.zhengfeng.platform.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.zhengfeng.platform.config.PlatformConfig;

/**
 * AES-256-GCM (the JDK's provider) for personal data — complainants', invitees', supervisors'. Each
 * value is stored as {@code <keyId>:<base64(iv || ciphertext+tag)>}; the key id makes rotation
 * possible: new values use the active key, old ones still decrypt with theirs. One implementation
 * for every service that holds personal data; a service that holds none never creates the bean, so
 * it needs no key.
 *
 * <p>{@code zhengfeng.pii.keys} ({@code ZF_PII_KEYS}): {@code id:base64key} pairs, comma-separated;
 * {@code zhengfeng.pii.active-key} ({@code ZF_PII_ACTIVE_KEY}): the id new values are sealed with.
 */
@ApplicationScoped
public class PersonalDataCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher per thread, initialised afresh (new IV) for every value: the provider lookup is paid once. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(PersonalDataCipher::newCipher);

    @Inject
    public PersonalDataCipher(PlatformConfig config) {
        this(config.pii().keys()
                .orElseThrow(() -> new IllegalStateException("zhengfeng.pii.keys (ZF_PII_KEYS) is not set")),
                config.pii().activeKey()
                        .orElseThrow(() -> new IllegalStateException("zhengfeng.pii.active-key (ZF_PII_ACTIVE_KEY) is not set")));
    }

    /** As configured by {@code ZF_PII_KEYS} and {@code ZF_PII_ACTIVE_KEY} (tests build one with other keys). */
    public PersonalDataCipher(String configuredKeys, String activeKey) {
        for (String entry : configuredKeys.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("zhengfeng.pii.keys entries must be id:base64key");
            }
            byte[] key = Base64.getDecoder().decode(parts[1]);
            if (key.length != 16 && key.length != 32) {
                throw new IllegalStateException("PII key " + parts[0] + " must be 16 or 32 bytes");
            }
            keys.put(parts[0], new SecretKeySpec(key, "AES"));
        }
        if (!keys.containsKey(activeKey)) {
            throw new IllegalStateException("zhengfeng.pii.active-key names no configured key");
        }
        this.activeKeyId = activeKey;
    }

    /** The id new values are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** The key id a stored value names; null for null. */
    public static String keyIdOf(String stored) {
        return stored == null ? null : stored.substring(0, Math.max(0, stored.indexOf(':')));
    }

    /** Whether a stored value is sealed with another key than the active one (a rotation left it behind). */
    public boolean needsResealing(String stored) {
        return stored != null && !activeKeyId.equals(keyIdOf(stored));
    }

    /** The same plain value sealed with the active key; a value already under it is returned unchanged. */
    public String reseal(String stored) {
        return needsResealing(stored) ? encrypt(decrypt(stored)) : stored;
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        String keyId = stored.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("No key " + keyId + " configured to decrypt personal data");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be decrypted (wrong key or tampered value)", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }
}
