package io.zhengfeng.inspection.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "zhengfeng.inspection")
public interface InspectionConfig {
    Evidence evidence();

    interface Evidence {
        /** Largest attachment accepted; larger uploads get 413. */
        long maxBytes();

        /** Media types accepted; others get 415. */
        List<String> types();
    }
}
