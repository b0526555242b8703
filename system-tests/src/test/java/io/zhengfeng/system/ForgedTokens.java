package io.zhengfeng.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker can make from a genuine one and the repository: each must be refused. They are
 * built from the gateway's own token so that the only defect is the one named; {@link #resigned} (the
 * genuine claims signed again with the local key) proves the forging itself is sound.
 */
final class ForgedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private final ObjectNode header;
    private final ObjectNode claims;
    private final String genuine;
    private final RSAPrivateCrtKey key;

    ForgedTokens(String genuine, Path privateKeyPem) throws Exception {
        this.genuine = genuine;
        String[] parts = genuine.split("\\.");
        header = (ObjectNode) OpenApiOperations.JSON.readTree(D64.decode(parts[0]));
        claims = (ObjectNode) OpenApiOperations.JSON.readTree(D64.decode(parts[1]));
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    String resigned() throws Exception {
        return rs256(header, claims, key);
    }

    /** Name of each forgery → the token. */
    Map<String, String> all() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> forged = new LinkedHashMap<>();
        ObjectNode none = header.deepCopy().put("alg", "none");
        forged.put("alg none", part(none) + "." + part(claims) + ".");
        forged.put("HS256 keyed with the public key", hs256WithPublicKey());
        PrivateKey attacker = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        forged.put("unknown kid, attacker's key", rs256(header.deepCopy().put("kid", "attacker-1"), claims, attacker));
        forged.put("signed by another key", rs256(header, claims, attacker));
        forged.put("expired", rs256(header, with(c -> c.put("iat", now - 7200).put("exp", now - 3600)), key));
        forged.put("not yet valid", rs256(header, with(c -> c.put("nbf", now + 3600).put("iat", now + 3600).put("exp", now + 7200)), key));
        forged.put("wrong issuer", rs256(header, with(c -> c.put("iss", "https://evil.example/auth")), key));
        forged.put("wrong audience", rs256(header, with(c -> c.put("aud", "someone-else")), key));
        String[] parts = genuine.split("\\.");
        forged.put("tampered claims", part(header) + "." + part(with(c -> c.put("upn", "admin").put("sub", "admin")
                .set("groups", c.arrayNode().add("admin")))) + "." + parts[2]);
        byte[] signature = D64.decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        forged.put("flipped signature bit", parts[0] + "." + parts[1] + "." + B64.encodeToString(signature));
        forged.put("no signature", parts[0] + "." + parts[1] + ".");
        forged.put("garbage", "not-a-jwt");
        return forged;
    }

    private ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode copy = claims.deepCopy();
        change.accept(copy);
        return copy;
    }

    private String hs256WithPublicKey() throws Exception {
        var pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(pub.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String input = part(header.deepCopy().put("alg", "HS256")) + "." + part(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pem.getBytes(UTF_8), "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(UTF_8)));
    }

    private static String rs256(ObjectNode header, ObjectNode claims, PrivateKey key) throws Exception {
        String input = part(header.deepCopy().put("alg", "RS256")) + "." + part(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(UTF_8));
        return input + "." + B64.encodeToString(s.sign());
    }

    private static String part(ObjectNode json) throws Exception {
        return B64.encodeToString(OpenApiOperations.JSON.writeValueAsBytes(json));
    }
}
