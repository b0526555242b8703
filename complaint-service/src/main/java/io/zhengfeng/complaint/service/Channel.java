package io.zhengfeng.complaint.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a message came from: citizens use web and the spokesperson column themselves, staff record the others on their behalf. */
public enum Channel {
    WEB, HOTLINE_DAY, HOTLINE_NIGHT, MAILBOX, LETTER, VISIT, SPOKESPERSON_COLUMN;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** Channels a citizen uses without staff; the others are recorded by the spokesperson. */
    public boolean isSelfService() {
        return this == WEB || this == SPOKESPERSON_COLUMN;
    }

    @JsonCreator
    public static Channel fromCode(String code) {
        return Codes.parse(Channel.class, code);
    }
}
