package io.zhengfeng.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The production check of {@link ProductionSecrets}, on configurations built here. */
class ProductionSecretsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void fingerprintsAreThoseOfTheCommittedKeyFiles() throws Exception {
        for (String file : List.of("platform/src/main/resources/dev-keys/public.pem",
                "gateway/src/main/resources/dev-keys/private.pem",
                "test-support/src/main/resources/test-keys/public.pem",
                "test-support/src/main/resources/test-keys/private.pem")) {
            assertTrue(ProductionSecrets.isCommitted(Files.readString(ROOT.resolve(file))), file + " not recognised");
        }
    }

    @Test
    void committedDefaultsAreRefusedNamingEachVariable() {
        List<String> problems = ProductionSecrets.problems(config(Map.of(
                "mp.jwt.verify.publickey.location", "dev-keys/public.pem",
                "smallrye.jwt.sign.key.location", ROOT.resolve("gateway/src/main/resources/dev-keys/private.pem").toString(),
                "zhengfeng.pii.keys", "local1:" + ProductionSecrets.COMMITTED_PII_KEY,
                "zhengfeng.complaints.access-code-pepper", ProductionSecrets.COMMITTED_PEPPER)));
        assertEquals(4, problems.size(), problems.toString());
        for (String variable : List.of("ZF_JWT_PUBLIC_KEY", "ZF_JWT_PRIVATE_KEY", "ZF_PII_KEYS", "ZF_ACCESS_CODE_PEPPER")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable)), variable + " not named in " + problems);
        }
    }

    @Test
    void anExternalIssuerHalfConfiguredOrWithKeysOverPlainHttpIsRefused() {
        assertEquals(List.of("ZF_OIDC_ISSUER and ZF_OIDC_JWKS_URL must be set together (one alone leaves the external issuer off)"),
                oidcProblems(Map.of("zhengfeng.tokens.external.issuer", "https://idp.bureau.gov.cn/realms/zf")));
        assertEquals(List.of("ZF_OIDC_JWKS_URL must be an https:// URL: http://idp.bureau.gov.cn/certs"),
                oidcProblems(Map.of("zhengfeng.tokens.external.issuer", "https://idp.bureau.gov.cn/realms/zf",
                        "zhengfeng.tokens.external.jwks-url", "http://idp.bureau.gov.cn/certs")));
        assertEquals(List.of(), oidcProblems(Map.of("zhengfeng.tokens.external.issuer", "https://idp.bureau.gov.cn/realms/zf",
                "zhengfeng.tokens.external.jwks-url", "https://idp.bureau.gov.cn/certs")));
        assertEquals(List.of(), oidcProblems(Map.of()));
    }

    private List<String> oidcProblems(Map<String, String> properties) {
        return ProductionSecrets.problems(config(properties)).stream().filter(p -> p.startsWith("ZF_OIDC")).toList();
    }

    @Test
    void aCopyOfACommittedKeyElsewhereIsStillRefused() throws Exception {
        Path copy = dir.resolve("innocent.pem");
        Files.copy(ROOT.resolve("test-support/src/main/resources/test-keys/public.pem"), copy);
        List<String> problems = ProductionSecrets.problems(config(Map.of("mp.jwt.verify.publickey.location", copy.toString())));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("ZF_JWT_PUBLIC_KEY"));
    }

    @Test
    void missingOrUnreadableVerificationKeyIsRefused() {
        assertTrue(ProductionSecrets.problems(config(Map.of())).get(0).startsWith("ZF_JWT_PUBLIC_KEY is missing"));
        assertTrue(ProductionSecrets.problems(config(Map.of("mp.jwt.verify.publickey.location", dir.resolve("nope.pem").toString())))
                .get(0).contains("cannot be read"));
    }

    @Test
    void generatedSecretsPass() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Path pub = dir.resolve("public.pem");
        Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        byte[] aes = new byte[32];
        new java.security.SecureRandom().nextBytes(aes);
        List<String> problems = ProductionSecrets.problems(config(Map.of(
                "mp.jwt.verify.publickey.location", pub.toString(),
                "zhengfeng.pii.keys", "k2026:" + Base64.getEncoder().encodeToString(aes),
                "zhengfeng.complaints.access-code-pepper", "a-generated-pepper-of-enough-length")));
        assertEquals(List.of(), problems);
    }

    @Test
    void aShortPepperIsRefused() throws Exception {
        List<String> problems = ProductionSecrets.problems(config(Map.of(
                "mp.jwt.verify.publickey.location", "https://idp.example/jwks",
                "zhengfeng.complaints.access-code-pepper", "short")));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("ZF_ACCESS_CODE_PEPPER must be at least"));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }
}
