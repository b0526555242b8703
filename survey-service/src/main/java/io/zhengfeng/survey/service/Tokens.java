package io.zhengfeng.survey.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One-use answer codes: 130 random bits written as 26 characters of an unambiguous base-32 alphabet
 * (no 0/O, 1/I), shown in groups of four. Stored only as SHA-256: a leaked table reveals no code.
 */
public final class Tokens {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int LENGTH = 26; // 26 × 5 bits = 130 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String newCode() {
        StringBuilder code = new StringBuilder(LENGTH + 6);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Case, spaces and dashes do not matter when typed back from paper. */
    public static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    public static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tokens() {
    }
}
