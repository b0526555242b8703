package io.zhengfeng.inspection.pii;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "zhengfeng.pii")
public interface PiiConfig {
    /** Comma-separated {@code id:base64key}; 16- or 32-byte AES keys. */
    String keys();

    String activeKey();
}
