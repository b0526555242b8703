package io.zhengfeng.inspection.service;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.inspection.config.InspectionConfig;
import io.zhengfeng.inspection.persistence.EvidenceEntity;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * Evidence attachments: read whole (bounded) before anything is written, so a refused upload
 * leaves nothing behind; the declared type must be allowed and match the file's magic bytes; the
 * SHA-256 is kept so a copy can be proven unchanged.
 */
@ApplicationScoped
public class Evidence {
    private final InspectionConfig config;

    public Evidence(InspectionConfig config) {
        this.config = config;
    }

    /** Validates and builds the row; the caller persists it in its transaction. */
    public EvidenceEntity read(InputStream body, String contentType, Long declaredLength, String filename, String uploader) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!config.evidence().types().contains(type)) {
            throw new ProblemException(415, "unsupported-evidence-type", "Unsupported Media Type",
                    "Evidence must be one of " + String.join(", ", config.evidence().types()) + ", not " + type);
        }
        long max = config.evidence().maxBytes();
        if (declaredLength != null && declaredLength > max) {
            throw tooLarge(max);
        }
        byte[] content = readAtMost(body, max);
        if (content.length == 0) {
            throw ProblemException.badField("body", "the file is empty");
        }
        if (!matches(type, content)) {
            throw new ProblemException(415, "unsupported-evidence-type", "Unsupported Media Type",
                    "The file's content is not " + type);
        }
        EvidenceEntity e = new EvidenceEntity();
        e.id = UUID.randomUUID().toString();
        e.filename = filename == null || filename.isBlank() ? "evidence" : Codes.required("filename", filename, 255);
        e.contentType = type;
        e.sizeBytes = content.length;
        e.sha256 = sha256(content);
        e.content = content;
        e.uploadedBy = uploader;
        e.uploadedAt = Instant.now();
        return e;
    }

    private static byte[] readAtMost(InputStream in, long max) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(max);
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badField("body", "could not be read: " + e.getMessage());
        }
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(413, "evidence-too-large", "Content Too Large",
                "Evidence may be at most " + max + " bytes");
    }

    private static final List<Object[]> MAGIC = List.of(
            new Object[] { "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF } },
            new Object[] { "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' } },
            new Object[] { "application/pdf", new byte[] { '%', 'P', 'D', 'F' } });

    static boolean matches(String type, byte[] content) {
        for (Object[] m : MAGIC) {
            if (m[0].equals(type)) {
                byte[] magic = (byte[]) m[1];
                if (content.length < magic.length) {
                    return false;
                }
                for (int n = 0; n < magic.length; n++) {
                    if (content[n] != magic[n]) {
                        return false;
                    }
                }
                return true;
            }
        }
        return true; // a configured type without a known signature is taken as declared
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Views.EvidenceInfo info(EvidenceEntity e) {
        return new Views.EvidenceInfo(e.id, e.filename, e.contentType, e.sizeBytes, e.sha256, e.uploadedBy, e.uploadedAt);
    }

    public static List<Views.EvidenceInfo> ofFinding(String findingId) {
        return EvidenceEntity.<EvidenceEntity>list("select e from EvidenceEntity e where e.findingId = ?1 order by e.uploadedAt", findingId)
                .stream().map(Evidence::info).toList();
    }

    public static List<Views.EvidenceInfo> ofOrder(String orderId) {
        return EvidenceEntity.<EvidenceEntity>list("select e from EvidenceEntity e where e.orderId = ?1 order by e.uploadedAt", orderId)
                .stream().map(Evidence::info).toList();
    }
}
