package io.zhengfeng.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code type} is stable per kind of error so clients can branch on it;
 * {@code errors} names each offending field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:zhengfeng:problem:";

    public record FieldError(String field, String message) {
    }

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }
}
