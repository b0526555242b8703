package io.zhengfeng.complaint.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** 投诉 complaint, 举报 report, 咨询 consultation, 建议 suggestion. */
public enum Kind {
    COMPLAINT, REPORT, CONSULTATION, SUGGESTION;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static Kind fromCode(String code) {
        return Codes.parse(Kind.class, code);
    }
}
