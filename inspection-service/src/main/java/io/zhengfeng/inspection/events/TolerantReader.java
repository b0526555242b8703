package io.zhengfeng.inspection.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.platform.events.PoisonEventException;

/**
 * Reads other services' payloads as DESIGN's tolerant reader: fields this service does not know
 * are ignored (the REST API's mapper refuses them, which is right for requests, wrong for events).
 */
@ApplicationScoped
public class TolerantReader {
    private final ObjectMapper json;

    public TolerantReader(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <T> T read(IncomingEvent event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (Exception e) {
            throw new PoisonEventException("Payload of " + event + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public JsonNode tree(IncomingEvent event) {
        try {
            JsonNode node = json.readTree(event.payload());
            if (node == null || !node.isObject()) {
                throw new PoisonEventException("Payload of " + event + " is not a JSON object", null);
            }
            return node;
        } catch (PoisonEventException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonEventException("Payload of " + event + " is not JSON: " + e.getMessage(), e);
        }
    }
}
