package io.zhengfeng.complaint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Time limits (DESIGN.md "Time limits"); a category may override them. */
@ConfigMapping(prefix = "zhengfeng.complaints")
public interface ComplaintConfig {

    /** Working days for the spokesperson to accept or reject. */
    @WithDefault("1")
    int acceptanceDays();

    /** Working days to reply, per kind. */
    ReplyDays replyDays();

    @WithDefault("3")
    int followUpDays();

    /** The one extension a leader may grant. */
    @WithDefault("10")
    int maxExtensionDays();

    /** Secret mixed into access-code hashes, so a leaked table does not reveal the codes. */
    String accessCodePepper();

    @WithDefault("100")
    int maxPageSize();

    /** Guessing limits on {@code GET /api/complaints/track/{n}}: attempts per period, right or wrong. */
    Track track();

    /** The personal-data re-encryption job (service/PersonalDataRekey on platform pii/RekeyJob). */
    PiiRekey piiRekey();

    interface PiiRekey {
        /** Complaints per batch: one transaction, one cursor save, one audit entry. */
        @WithDefault("200")
        int batchSize();
    }

    interface Track {
        @WithDefault("10")
        int perNumber();

        @WithDefault("60")
        int perAddress();

        @WithDefault("1h")
        java.time.Duration period();
    }

    interface ReplyDays {
        @WithDefault("3")
        int consultation();

        @WithDefault("5")
        int complaint();

        @WithDefault("10")
        int suggestion();

        @WithDefault("15")
        int report();
    }
}
