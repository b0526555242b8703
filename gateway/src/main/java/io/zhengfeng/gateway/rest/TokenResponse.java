package io.zhengfeng.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth 2.0 token response shape (RFC 6749 §5.1), which front-end libraries already read. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
