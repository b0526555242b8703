package io.zhengfeng.platform.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error a client can see, as problem+json; never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.response(e.status(), e.slug(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return Problems.validation(errors);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return Problems.validation(List.of(new Problem.FieldError(path(e), "unknown field")));
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e) {
        return Problems.validation(List.of(new Problem.FieldError(path(e),
                "cannot be read as " + e.getTargetType().getSimpleName())));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e) {
        String field = path(e);
        Throwable cause = e.getCause();
        if (!field.isEmpty() && cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            // e.g. an enum's @JsonCreator saying which codes are allowed
            return Problems.validation(List.of(new Problem.FieldError(field, cause.getMessage())));
        }
        return Problems.validation(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field,
                field.isEmpty() ? "is not the expected JSON object" : "has the wrong type or shape")));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return Problems.response(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "Your role does not allow this action");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized();
        }
        if (status == 400) {
            // Quarkus wraps some body-reading failures; unwrap them so the field is still named.
            Throwable cause = e.getCause();
            if (cause instanceof UnrecognizedPropertyException u) {
                return unknownField(u);
            }
            if (cause instanceof InvalidFormatException f) {
                return wrongValue(f);
            }
            if (cause instanceof JsonMappingException m) {
                return unreadable(m);
            }
            if (cause instanceof JsonParseException p) {
                return malformed(p);
            }
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String slug = reason.toLowerCase().replace(' ', '-');
        return Problems.response(status, slug, reason, status == 404 ? "No such resource" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        var database = DatabaseFailures.classify(e);
        if (database.isPresent()) {
            return databaseFailure(database.get(), e);
        }
        LOG.error("Unexpected error", e);
        return Problems.response(500, "internal", "Internal error",
                "The request could not be completed; quote the request id when reporting it");
    }

    /** Seconds a client should wait before retrying when the database is away / was momentarily busy. */
    static final int RETRY_AFTER_UNAVAILABLE = 5;
    static final int RETRY_AFTER_BUSY = 1;

    private static Response databaseFailure(DatabaseFailures.Kind kind, Exception e) {
        Response problem;
        if (kind == DatabaseFailures.Kind.UNAVAILABLE) {
            LOG.warnf("Database unavailable, answered 503: %s", rootMessage(e));
            problem = Problems.response(503, "database-unavailable", "Service temporarily unavailable",
                    "The service cannot reach its database just now; nothing was changed. Retry after the indicated delay");
            return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_UNAVAILABLE).build();
        }
        LOG.infof("Transaction rolled back by a lock conflict, answered 503: %s", rootMessage(e));
        problem = Problems.response(503, "database-busy", "Service busy",
                "The request met a concurrent change and was rolled back; nothing was changed. Retry it");
        return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_BUSY).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; root.getCause() != null && i < 20; i++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response unauthorized() {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required")).header("WWW-Authenticate", "Bearer").build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** "submit.request.contact.phone" → "contact.phone": clients know fields, not Java methods. */
    private static String fieldName(ConstraintViolation<?> v) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    && node.getName().matches("arg\\d+|request|body")) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                name.setLength(0);
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(node.getName());
        }
        return name.toString();
    }
}
