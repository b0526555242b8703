package io.zhengfeng.complaint.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** 满意 satisfied, 基本满意 basically satisfied, 不满意 dissatisfied. */
public enum Rating {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static Rating fromCode(String code) {
        return Codes.parse(Rating.class, code);
    }
}
