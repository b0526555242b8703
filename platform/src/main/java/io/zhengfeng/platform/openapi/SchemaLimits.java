package io.zhengfeng.platform.openapi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * Gives every string, integer and array in a document the limit that is actually enforced when the
 * code declares none of its own (a {@code @Size}, {@code @Max} or enum always wins):
 * <ul>
 * <li>strings with a standard format: the format's length (a UUID is 36 characters);</li>
 * <li>integers: the range of their Java type (int32/int64), which parsing enforces;</li>
 * <li>path and query parameters: the HTTP request line ({@code quarkus.http.limits.max-initial-line-length});
 * headers: {@code quarkus.http.limits.max-header-size};</li>
 * <li>strings and arrays in bodies: the request body cap ({@code quarkus.http.limits.max-body-size}); no
 * stored text is longer than the request that brought it. Marked {@code x-zhengfeng-limit: request-body}
 * so the fields still waiting for a tighter, field-specific limit can be listed.</li>
 * </ul>
 */
final class SchemaLimits {
    static final int PROBLEM_TEXT = 4000;
    static final String MARK = "x-zhengfeng-limit";
    private static final Map<String, Integer> FORMAT_LENGTH = Map.of(
            "uuid", 36, "date", 10, "date-time", 35, "time", 18, "duration", 64,
            "email", 254, "uri", 2048, "int64", 20, "int32", 11);

    /** The enforced caps, in characters (bytes, hence at least as many characters). */
    record Caps(int requestLine, int header, int body) {
        static Caps fromConfig() {
            return new Caps(bytes("quarkus.http.limits.max-initial-line-length", "4096"),
                    bytes("quarkus.http.limits.max-header-size", "20K"),
                    bytes("quarkus.http.limits.max-body-size", "10240K"));
        }

        private static int bytes(String key, String fallback) {
            String value = ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(fallback);
            return (int) Math.min(Integer.MAX_VALUE, new MemorySizeConverter().convert(value).asLongValue());
        }
    }

    private final Caps caps;
    private final Set<Schema> done = Collections.newSetFromMap(new IdentityHashMap<>());

    SchemaLimits(Caps caps) {
        this.caps = caps;
    }

    void apply(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                parameters(item.getParameters());
                for (Operation op : item.getOperations().values()) {
                    parameters(op.getParameters());
                    if (op.getRequestBody() != null) {
                        content(op.getRequestBody().getContent());
                    }
                    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                        op.getResponses().getAPIResponses().values().forEach(this::response);
                    }
                }
            }
        }
        var components = api.getComponents();
        if (components != null) {
            each(components.getSchemas(), s -> limit(s, caps.body(), true));
            each(components.getParameters(), p -> parameters(List.of(p)));
            each(components.getHeaders(), h -> limit(h.getSchema(), caps.header(), false));
            each(components.getResponses(), this::response);
            each(components.getRequestBodies(), b -> content(b.getContent()));
        }
    }

    private static <T> void each(Map<String, T> map, Consumer<T> action) {
        if (map != null) {
            map.values().forEach(action);
        }
    }

    private void parameters(List<Parameter> parameters) {
        if (parameters != null) {
            for (Parameter p : parameters) {
                boolean header = p.getIn() == Parameter.In.HEADER || p.getIn() == Parameter.In.COOKIE;
                limit(p.getSchema(), header ? caps.header() : caps.requestLine(), false);
            }
        }
    }

    private void response(APIResponse response) {
        content(response.getContent());
        if (response.getHeaders() != null) {
            for (Header h : response.getHeaders().values()) {
                limit(h.getSchema(), caps.header(), false);
            }
        }
    }

    private void content(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType media : content.getMediaTypes().values()) {
                limit(media.getSchema(), caps.body(), true);
            }
        }
    }

    private void limit(Schema schema, int cap, boolean body) {
        if (schema == null || !done.add(schema)) {
            return;
        }
        List<SchemaType> type = schema.getType() == null ? List.of() : schema.getType();
        boolean fixed = schema.getEnumeration() != null || schema.getConstValue() != null;
        if (type.contains(SchemaType.STRING) && schema.getMaxLength() == null && !fixed) {
            Integer formatLength = schema.getFormat() == null ? null : FORMAT_LENGTH.get(schema.getFormat());
            schema.setMaxLength(formatLength != null ? formatLength : cap);
            if (formatLength == null && body) {
                schema.addExtension(MARK, "request-body");
            }
        }
        if (type.contains(SchemaType.INTEGER) && !fixed) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        if (type.contains(SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(cap / 2); // each item takes at least a character and a separator
            if (body) {
                schema.addExtension(MARK, "request-body");
            }
        }
        each(schema.getProperties(), s -> limit(s, cap, body));
        limit(schema.getItems(), cap, body);
        limit(schema.getAdditionalPropertiesSchema(), cap, body);
        for (List<Schema> group : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (group != null) {
                group.forEach(s -> limit(s, cap, body));
            }
        }
        limit(schema.getNot(), cap, body);
    }
}
