package io.zhengfeng.complaint.open311;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    /** The POST form as the OpenAPI document states it; {@link Open311Form} enforces these caps. */
    @Schema(name = "Open311RequestForm", description = "GeoReport v2 POST Service Request; attribute[code] values ≤ 100, at most 20")
    record RequestForm(
            @Schema(description = "Or the X-Api-Key header", maxLength = 100) @JsonProperty("api_key") String apiKey,
            @Schema(required = true, maxLength = Open311Form.CODE) @JsonProperty("service_code") String serviceCode,
            @Schema(required = true, maxLength = Open311Form.DESCRIPTION) String description,
            @Schema(minimum = "-90", maximum = "90") BigDecimal lat,
            @Schema(minimum = "-180", maximum = "180") @JsonProperty("long") BigDecimal lon,
            @Schema(maxLength = Open311Form.ADDRESS) @JsonProperty("address_string") String addressString,
            @Schema(maxLength = Open311Form.EMAIL) String email,
            @Schema(maxLength = 20) String phone,
            @Schema(maxLength = Open311Form.NAME_PART) @JsonProperty("first_name") String firstName,
            @Schema(maxLength = Open311Form.NAME_PART) @JsonProperty("last_name") String lastName,
            @Schema(maxLength = Open311Form.ID) @JsonProperty("device_id") String deviceId,
            @Schema(maxLength = Open311Form.ID) @JsonProperty("account_id") String accountId,
            @Schema(maxLength = Open311Form.MEDIA_URL) @JsonProperty("media_url") String mediaUrl) {
    }

    private Open311Views() {
    }
}
