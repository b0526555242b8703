package io.zhengfeng.inspection.service;

import java.util.List;

import io.zhengfeng.platform.problem.ProblemException;

/** One page of a list, in a stable order; {@code total} counts only what the caller may see. */
public record Paged<T>(List<T> items, int page, int size, long total) {
    public static final int MAX_SIZE = 100;

    public static int pageNumber(int page) {
        if (page < 0) {
            throw ProblemException.badField("page", "must be 0 or more");
        }
        return page;
    }

    public static int pageSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badField("size", "must be between 1 and " + MAX_SIZE);
        }
        return size;
    }
}
