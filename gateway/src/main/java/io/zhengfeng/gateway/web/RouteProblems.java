package io.zhengfeng.gateway.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.zhengfeng.platform.problem.Problem;
import io.zhengfeng.platform.web.RequestContext;

/**
 * problem+json for the gateway's Vert.x routes (the proxy), in exactly the shape the platform's
 * JAX-RS mappers give, so a client sees one error format whether the gateway or a service answered.
 */
@ApplicationScoped
public class RouteProblems {
    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    public Buffer body(int status, String slug, String title, String detail) {
        Object requestId = MDC.get(RequestContext.REQUEST_ID);
        Problem problem = new Problem(Problem.type(slug), title, status, detail, null,
                requestId == null ? null : requestId.toString(), List.of());
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record cannot fail to serialize", e);
        }
    }

    /** Ends {@code response} with a problem; no-op when the response has already started. */
    public void send(HttpServerResponse response, int status, String slug, String title, String detail) {
        if (response.headWritten() || response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(status, slug, title, detail));
    }
}
