package io.zhengfeng.complaint.open311;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GeoReport v2 shapes, with its snake_case names. */
final class Open311Views {

    record Error(int code, String description) {
    }

    record Service(@JsonProperty("service_code") String serviceCode, @JsonProperty("service_name") String serviceName,
            String description, boolean metadata, String type, String keywords, String group) {
    }

    record AttributeValue(String key, String name) {
    }

    record Attribute(boolean variable, String code, String datatype, boolean required,
            @JsonProperty("datatype_description") String datatypeDescription, int order, String description,
            List<AttributeValue> values) {
    }

    record Definition(@JsonProperty("service_code") String serviceCode, List<Attribute> attributes) {
    }

    record Created(@JsonProperty("service_request_id") String serviceRequestId, String token,
            @JsonProperty("service_notice") String serviceNotice, @JsonProperty("account_id") String accountId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(@JsonProperty("service_request_id") String serviceRequestId, String status,
            @JsonProperty("status_notes") String statusNotes, @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode, String description,
            @JsonProperty("agency_responsible") String agencyResponsible,
            @JsonProperty("requested_datetime") String requestedDatetime,
            @JsonProperty("updated_datetime") String updatedDatetime,
            @JsonProperty("expected_datetime") String expectedDatetime, String address,
            BigDecimal lat, @JsonProperty("long") BigDecimal lon) {
    }

    private Open311Views() {
    }
}
