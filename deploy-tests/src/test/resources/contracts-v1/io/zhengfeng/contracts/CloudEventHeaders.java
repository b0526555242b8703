package io.zhengfeng.contracts;

/** Kafka header names of CloudEvents 1.0 in binary content mode. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, carried from the HTTP request that caused the event. */
    public static final String TRACEPARENT = "traceparent";
    /** The request id of the HTTP call that caused the event. */
    public static final String REQUEST_ID = "x-request-id";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
