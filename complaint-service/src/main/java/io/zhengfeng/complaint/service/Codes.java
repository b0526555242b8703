package io.zhengfeng.complaint.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enums travel as lower-case codes ({@code hotline_day}); an unknown code names the allowed ones. */
final class Codes {

    static <E extends Enum<E>> E parse(Class<E> type, String code) {
        if (code != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(code)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Codes::code).collect(Collectors.joining(", ")));
    }

    static String code(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private Codes() {
    }
}
