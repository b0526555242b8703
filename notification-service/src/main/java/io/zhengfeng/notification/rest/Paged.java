package io.zhengfeng.notification.rest;

import java.util.List;

/** One page of a list, newest first, with the total so a client can page on. */
public record Paged<T>(List<T> items, int page, int size, long total) {
    static final int MAX_SIZE = 100;

    static int pageNumber(int page) {
        return Math.max(page, 0);
    }

    /** Sizes outside 1..100 are brought into it rather than refused, as every list of the suite does. */
    static int pageSize(int size) {
        return Math.min(Math.max(size, 1), MAX_SIZE);
    }
}
