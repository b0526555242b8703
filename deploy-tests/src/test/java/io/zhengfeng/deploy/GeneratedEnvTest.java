package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/generate-env.sh, run for real: the production-like profile's secrets, fresh and usable. */
class GeneratedEnvTest {

    @Test
    void generateEnvWritesFreshUsableSecretsForEveryVariableComposeReadsAndRefusesToOverwrite(@TempDir Path dir)
            throws Exception {
        Path env = dir.resolve(".env");
        Path secrets = dir.resolve("secrets");
        Result first = run(env, secrets);
        assertEquals(0, first.exit(), first.out());
        Map<String, String> vars = parse(Files.readString(env));

        assertEquals("prod", vars.get("QUARKUS_PROFILE"));
        // Every secret compose takes from the environment is in the file.
        Matcher m = Pattern.compile("\\$\\{((?:ZF_DB_(?:ROOT_)?PASSWORD\\w*|ZF_PII_\\w+|ZF_ACCESS_CODE_PEPPER|ZF_JWT_\\w+_FILE))")
                .matcher(Repo.read("docker-compose.yml"));
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertTrue(used.size() >= 11, "compose reads its secrets from the environment: " + used);
        for (String var : used) {
            assertTrue(vars.containsKey(var) && !vars.get(var).isBlank(), ".env sets " + var);
        }
        // Passwords are all different; the PII key is 256 bits under the active key id.
        List<String> passwords = vars.entrySet().stream().filter(e -> e.getKey().startsWith("ZF_DB_")).map(Map.Entry::getValue).toList();
        assertEquals(passwords.size(), new HashSet<>(passwords).size(), "one password per user");
        String[] pii = vars.get("ZF_PII_KEYS").split(":", 2);
        assertEquals(vars.get("ZF_PII_ACTIVE_KEY"), pii[0]);
        assertEquals(32, Base64.getDecoder().decode(pii[1]).length);
        // The gateway's private key signs what the services' public key verifies.
        RSAPrivateKey priv = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(pem(Path.of(vars.get("ZF_JWT_PRIVATE_KEY_FILE")))));
        RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(pem(Path.of(vars.get("ZF_JWT_PUBLIC_KEY_FILE")))));
        assertTrue(pub.getModulus().bitLength() >= 2048);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(priv);
        signer.update("token".getBytes(StandardCharsets.UTF_8));
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pub);
        verifier.update("token".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(sig));

        // Run again: refuses to replace the secrets in place; --force makes new ones.
        Result again = run(env, secrets);
        assertNotEquals(0, again.exit());
        assertEquals(vars, parse(Files.readString(env)), "the existing .env is untouched");
        Result forced = run(env, secrets, "--force");
        assertEquals(0, forced.exit(), forced.out());
        assertNotEquals(vars.get("ZF_ACCESS_CODE_PEPPER"), parse(Files.readString(env)).get("ZF_ACCESS_CODE_PEPPER"));
    }

    @Test
    void theGeneratedSecretsAreIgnoredByGit() {
        List<String> ignored = List.of(Repo.read(".gitignore").split("\n"));
        assertTrue(ignored.contains(".env"));
        assertTrue(ignored.contains("deploy/secrets/"));
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Path env, Path secrets, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", Repo.path("deploy/generate-env.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ZF_ENV_FILE", env.toString());
        pb.environment().put("ZF_SECRETS_DIR", secrets.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                vars.put(kv[0], kv[1]);
            }
        }
        return vars;
    }

    private static byte[] pem(Path file) throws Exception {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        assertArrayEquals(der, Base64.getDecoder().decode(body)); // decodes cleanly
        return der;
    }
}
