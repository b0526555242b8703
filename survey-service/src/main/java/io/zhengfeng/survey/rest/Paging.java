package io.zhengfeng.survey.rest;

import io.zhengfeng.platform.problem.ProblemException;

final class Paging {
    static void check(int page, int size, int max) {
        if (page < 0) {
            throw ProblemException.badField("page", "must be ≥ 0");
        }
        if (size < 1 || size > max) {
            throw ProblemException.badField("size", "must be 1-" + max);
        }
    }

    private Paging() {
    }
}
