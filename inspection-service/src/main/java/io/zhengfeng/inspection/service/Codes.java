package io.zhengfeng.inspection.service;

import java.util.List;
import java.util.Set;

import io.zhengfeng.platform.problem.ProblemException;

/** The closed vocabularies of the domain, checked where input enters. */
public final class Codes {
    public static final List<String> TYPES = List.of("self", "peer", "spot", "open", "undercover");
    public static final List<String> SCOPES = List.of("routine", "special");
    public static final List<String> TARGET_KINDS = List.of("department", "window", "key_post", "key_person");
    public static final List<String> RESULTS = List.of("compliant", "finding", "not_applicable");
    public static final List<String> SEVERITIES = List.of("minor", "major", "serious");
    public static final List<String> ACTIVITY_KINDS = List.of("visit", "talk", "opinion");
    public static final Set<String> BODIES = Set.of("leading_group", "task_force");

    public static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badField(field, "is required");
        }
        if (!allowed.contains(value)) {
            throw ProblemException.badField(field, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badField(field, "is required");
        }
        if (value.length() > max) {
            throw ProblemException.badField(field, "is longer than " + max + " characters");
        }
        return value.trim();
    }

    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return required(field, value, max);
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw ProblemException.badField(field, "is required");
        }
        return value;
    }

    public static String uuid(String field, String value) {
        try {
            return java.util.UUID.fromString(required(field, value, 36)).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(field, "is not a UUID");
        }
    }

    private Codes() {
    }
}
