package io.zhengfeng.gateway.account;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.platform.problem.ProblemException;

/**
 * What a staff password set through the API must be (NIST SP 800-63B: length, no known-breached
 * value, no composition rules): at least {@value #MIN_LENGTH} characters, at most
 * {@link PasswordHasher#MAX_BYTES} bytes (bcrypt's limit), not the username, and not one of the
 * 1,000 most common passwords ({@code password-policy/common-passwords.txt}).
 */
@ApplicationScoped
public class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    private static final String LIST = "password-policy/common-passwords.txt";

    private final Set<String> common = load();

    /** @throws ProblemException 400 naming {@code password} */
    public void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ProblemException.badField("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(UTF_8).length > PasswordHasher.MAX_BYTES) {
            throw ProblemException.badField("password", "must be at most " + PasswordHasher.MAX_BYTES + " bytes in UTF-8");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw ProblemException.badField("password", "is one of the most common passwords; choose another");
        }
        if (username != null && lower.contains(AccountService.normalize(username))) {
            throw ProblemException.badField("password", "must not contain the username");
        }
    }

    public boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return words;
    }
}
