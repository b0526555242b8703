package io.zhengfeng.complaint.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.config.ComplaintConfig;

/**
 * Tracking numbers a citizen can read out on the phone, and the access code that must go with
 * them: the number alone never opens a complaint. Codes are stored as a keyed hash only.
 */
@ApplicationScoped
public class AccessCodes {
    /** No 0/O, 1/I/L: read out on a hotline without confusion. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Shanghai"));

    /** Compared against for an unknown tracking number, so that answer costs what a wrong code costs. */
    static final String DECOY_HASH = "0".repeat(64);

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;
    /** One keyed Mac per thread: looking the algorithm up and keying it on every call showed in the profile. */
    private final ThreadLocal<Mac> macs;

    public AccessCodes(ComplaintConfig config) {
        this.pepper = new SecretKeySpec(config.accessCodePepper().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** e.g. ZF261202-7K3M9Q: the day it came in, then 6 random characters (~29 bits). */
    public String newTrackingNumber(Instant submittedAt) {
        return "ZF" + DAY.format(submittedAt) + "-" + random(6);
    }

    /** 10 random characters (~49 bits): too many to guess through a rate-limited gateway. */
    public String newAccessCode() {
        return random(10);
    }

    /**
     * HMAC-SHA256 with the pepper: the code is ~49 random bits, not a password, so a slow key-derivation
     * function would add nothing an attacker without the pepper lacks; with it, guessing goes through
     * the rate-limited endpoint anyway.
     */
    public String hash(String trackingNumber, String accessCode) {
        byte[] digest = macs.get().doFinal((trackingNumber + ":" + accessCode.trim().toUpperCase()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest); // doFinal also resets the Mac for the thread's next use
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(String trackingNumber, String accessCode, String storedHash) {
        if (accessCode == null || accessCode.isBlank() || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(trackingNumber, accessCode).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
