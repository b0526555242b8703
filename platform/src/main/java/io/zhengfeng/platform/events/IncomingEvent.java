package io.zhengfeng.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A CloudEvent read from Kafka in binary mode: headers as attributes, value as JSON payload. */
public record IncomingEvent(String id, String type, String source, String subject, Instant time,
        String topic, int partition, long offset, String payload, ObjectMapper json) {

    /**
     * Reads the payload as a tolerant reader: fields this build does not know are ignored, so a
     * producer that added one (an additive contract change) does not break older consumers.
     *
     * @throws PoisonEventException when the payload does not fit the contract
     */
    public <T> T payloadAs(Class<T> type) {
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
        } catch (Exception e) {
            throw new PoisonEventException("Payload of " + this.type + " " + id + " is not a " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return type + " " + id + " (" + topic + "-" + partition + "@" + offset + ", subject " + subject + ")";
    }
}
