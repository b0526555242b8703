package io.zhengfeng.complaint.service;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * SUBMITTED → ACCEPTED (受理) | REJECTED (不予受理) → ASSIGNED (派单) → IN_PROGRESS → REPLIED (答复) → CLOSED (办结).
 */
public enum Status {
    SUBMITTED, ACCEPTED, REJECTED, ASSIGNED, IN_PROGRESS, REPLIED, CLOSED;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    public static Status fromCode(String code) {
        return Codes.parse(Status.class, code);
    }

    public boolean isFinal() {
        return this == REJECTED || this == CLOSED;
    }
}
