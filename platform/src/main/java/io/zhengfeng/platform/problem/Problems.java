package io.zhengfeng.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;

/** Builds problem+json responses; the one place the response shape is decided. */
public final class Problems {

    public static Response response(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        Object requestId = MDC.get("requestId");
        Problem problem = new Problem(Problem.type(slug), title, status, detail, null,
                requestId == null ? null : requestId.toString(), errors == null ? List.of() : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(status, slug, title, detail, List.of());
    }

    public static Response validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return response(400, "validation", "Invalid request", detail, errors);
    }

    private Problems() {
    }
}
