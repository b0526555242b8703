package io.zhengfeng.gateway.ratelimit;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.zhengfeng.platform.problem.Problems;

/** A refused attempt on a JAX-RS endpoint; answered 429 problem+json with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {
    public static final String SLUG = "too-many-requests";
    public static final String TITLE = "Too many requests";

    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static class Mapper {
        @ServerExceptionMapper
        public Response tooMany(TooManyRequestsException e) {
            return Response.fromResponse(Problems.response(429, SLUG, TITLE, e.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                    .build();
        }
    }
}
