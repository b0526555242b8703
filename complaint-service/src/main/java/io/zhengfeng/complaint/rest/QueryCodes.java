package io.zhengfeng.complaint.rest;

import java.util.function.Function;

import io.zhengfeng.platform.problem.ProblemException;

/** Query parameters with codes: an unknown one is a 400 naming the parameter. */
final class QueryCodes {

    static <T> T parse(String parameter, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(parameter, e.getMessage());
        }
    }

    private QueryCodes() {
    }
}
