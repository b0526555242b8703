package io.zhengfeng.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A record read back from Kafka by a test: key, CloudEvents headers and JSON value. */
public record RecordedEvent(String topic, int partition, long offset, String key, Map<String, String> headers, String value) {
    public String type() {
        return headers.get("ce_type");
    }

    public String id() {
        return headers.get("ce_id");
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
