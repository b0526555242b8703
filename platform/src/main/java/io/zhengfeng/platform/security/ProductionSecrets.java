package io.zhengfeng.platform.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Outside the {@code local}, {@code dev} and test profiles a service refuses to start while a secret
 * is missing or is the development value committed to this repository (anyone who read the code
 * could mint an admin token, decrypt personal data or brute-force access codes offline). Each
 * refusal names the environment variable to set. Only the secrets this service actually configures
 * are checked: the JWT verification key everywhere, the signing key at the gateway, the personal-data
 * keys and the access-code pepper at complaint-service, and an external OIDC issuer's settings where set.
 */
@ApplicationScoped
public class ProductionSecrets {
    private static final Logger LOG = Logger.getLogger(ProductionSecrets.class);

    /** Profiles in which the committed development secrets are acceptable. */
    public static final Set<String> DEVELOPMENT_PROFILES = Set.of("local", "dev", "test");

    /**
     * SHA-256 of the base64 body of each committed PEM (header lines and whitespace removed):
     * platform and gateway {@code dev-keys/}, test-support {@code test-keys/}. Fingerprints rather
     * than the files, so a copy of a committed key under another path is recognised too
     * ({@code ProductionSecretsTest} proves they match the files).
     */
    static final Set<String> COMMITTED_KEY_FINGERPRINTS = Set.of(
            "3ccfe2515114bce447916756a05422118a9a363b6a2ce54f45ef17b13a409cf3", // dev-keys/public.pem
            "65d0bc8649ade864685a30488c663ff781bef3550fa94bd20fb891d995825aeb", // dev-keys/private.pem
            "b65bf384c1ed3782d3e2cf5d0aba2885add928402e655a1a884a071c945f6fc0", // test-keys/public.pem
            "b738e4160ceb7a3f8e20c059baaca4a92f6f8f8aa516fa4edbb6b27487ba105c"); // test-keys/private.pem

    /** The committed local personal-data key (complaint-service application.properties). */
    static final String COMMITTED_PII_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String COMMITTED_PEPPER = "local-dev-pepper-change-me";
    static final int MIN_PEPPER_LENGTH = 16;

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent ignored) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains)) {
            return;
        }
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            String message = "Refusing to start in profile " + profiles + ": " + String.join("; ", problems)
                    + ". See the README, section \"Production secrets\".";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        LOG.info("Production secrets checked: none missing, none is a committed development value");
    }

    /** What is wrong with this configuration's secrets; empty when it may run in production. */
    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        checkKey(config, "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location", "ZF_JWT_PUBLIC_KEY", true, problems);
        checkKey(config, "smallrye.jwt.sign.key", "smallrye.jwt.sign.key.location", "ZF_JWT_PRIVATE_KEY", false, problems);
        config.getOptionalValue("zhengfeng.pii.keys", String.class).ifPresent(keys -> {
            for (String entry : keys.split(",")) {
                String key = entry.substring(entry.indexOf(':') + 1).trim();
                if (key.equals(COMMITTED_PII_KEY)) {
                    problems.add("ZF_PII_KEYS holds the committed development personal-data key (id "
                            + entry.substring(0, Math.max(0, entry.indexOf(':'))).trim() + ")");
                }
            }
        });
        if (isDefined(config, "zhengfeng.complaints.access-code-pepper")) {
            String pepper = config.getOptionalValue("zhengfeng.complaints.access-code-pepper", String.class).orElse("");
            if (pepper.equals(COMMITTED_PEPPER)) {
                problems.add("ZF_ACCESS_CODE_PEPPER is missing or the committed development value");
            } else if (pepper.length() < MIN_PEPPER_LENGTH) {
                problems.add("ZF_ACCESS_CODE_PEPPER must be at least " + MIN_PEPPER_LENGTH + " characters");
            }
        }
        checkExternalIssuer(config, problems);
        return problems;
    }

    /** A half-configured provider would be silently off; keys fetched over plain HTTP could be swapped on the way. */
    private static void checkExternalIssuer(Config config, List<String> problems) {
        String issuer = config.getOptionalValue("zhengfeng.tokens.external.issuer", String.class).orElse("");
        String jwks = config.getOptionalValue("zhengfeng.tokens.external.jwks-url", String.class).orElse("");
        if (issuer.isBlank() != jwks.isBlank()) {
            problems.add("ZF_OIDC_ISSUER and ZF_OIDC_JWKS_URL must be set together (one alone leaves the external issuer off)");
        }
        if (!jwks.isBlank() && !jwks.regionMatches(true, 0, "https://", 0, 8)) {
            problems.add("ZF_OIDC_JWKS_URL must be an https:// URL: " + jwks);
        }
    }

    /**
     * @param required whether the service cannot work without it (verification: yes; signing is
     *                 only configured at the gateway, so absent elsewhere is fine)
     */
    private static void checkKey(Config config, String inlineProperty, String locationProperty, String variable,
            boolean required, List<String> problems) {
        Optional<String> inline = config.getOptionalValue(inlineProperty, String.class);
        Optional<String> location = config.getOptionalValue(locationProperty, String.class);
        if (inline.isEmpty() && location.isEmpty()) {
            if (required) {
                problems.add(variable + " is missing (" + locationProperty + " is not set)");
            }
            return;
        }
        if (inline.isPresent()) {
            if (isCommitted(inline.get())) {
                problems.add(variable + " is a committed development key (" + inlineProperty + ")");
            }
            return;
        }
        String where = location.get();
        if (where.startsWith("http://") || where.startsWith("https://")) {
            return; // a JWKS endpoint of an identity provider: nothing committed to compare with
        }
        Optional<String> content = read(where);
        if (content.isEmpty()) {
            problems.add(variable + " names a key that cannot be read: " + where);
        } else if (isCommitted(content.get())) {
            problems.add(variable + " is missing or a committed development key (" + locationProperty + "=" + where + ")");
        }
    }

    static boolean isCommitted(String pem) {
        return COMMITTED_KEY_FINGERPRINTS.contains(fingerprint(pem));
    }

    /** SHA-256 of the base64 body of a PEM: header/footer lines and all whitespace removed. */
    static String fingerprint(String pem) {
        StringBuilder body = new StringBuilder();
        for (String line : pem.split("\\R")) {
            if (!line.startsWith("-----")) {
                body.append(line.replaceAll("\\s", ""));
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.toString().getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As SmallRye JWT resolves a location: {@code classpath:}, {@code file:}, a plain path, else the class path. */
    private static Optional<String> read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                return readClasspath(location.substring("classpath:".length()));
            }
            Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            if (Files.isRegularFile(path)) {
                return Optional.of(Files.readString(path));
            }
            return readClasspath(location);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readClasspath(String resource) throws IOException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), UTF_8));
        }
    }

    private static boolean isDefined(Config config, String property) {
        for (String name : config.getPropertyNames()) {
            if (name.equals(property)) {
                return true;
            }
        }
        return false;
    }
}
