package io.zhengfeng.complaint.open311;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.open311.Open311Views.Error;
import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.ContactDetails;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.NewComplaint;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * Open311 GeoReport v2 (JSON), so an existing Open311 front end submits and follows complaints
 * unchanged. Services are our categories; kind and channel are service attributes. Errors use
 * Open311's own shape, {@code [{code, description}]}, not problem+json.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    private final Open311Service open311;
    private final Open311Keys keys;

    public Open311Resource(Open311Service open311, Open311Keys keys) {
        this.open311 = open311;
        this.keys = keys;
    }

    @GET
    @Path("/services.json")
    public List<Open311Views.Service> services() {
        return open311.services();
    }

    @GET
    @Path("/services/{code}.json")
    public Response service(@PathParam("code") String code) {
        return open311.definition(code).map(d -> Response.ok(d).build())
                .orElseGet(() -> error(404, "service_code " + code + " not found"));
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Submit a request; needs an api_key issued by admin")
    public Response submit(MultivaluedMap<String, String> form) {
        var client = keys.clientFor(form.getFirst("api_key"));
        if (client.isEmpty()) {
            return error(403, "api_key is missing or invalid");
        }
        try {
            String description = required(form, "description");
            String service = required(form, "service_code");
            Kind kind = attribute(form, "kind", "complaint", Kind::fromCode);
            Channel channel = attribute(form, "channel", "web", Channel::fromCode);
            String name = join(form.getFirst("first_name"), form.getFirst("last_name"));
            ContactDetails contact = new ContactDetails(name, form.getFirst("phone"), null, null, form.getFirst("email"));
            NewComplaint request = new NewComplaint(kind, channel, service, null, description, contact, null,
                    new NewComplaint.Location(form.getFirst("address_string"), decimal(form, "lat"), decimal(form, "long")),
                    client.get());
            var created = open311.submit(request);
            return Response.created(URI.create("/open311/v2/requests/" + created.serviceRequestId() + ".json"))
                    .entity(List.of(created)).build();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (ProblemException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @GET
    @Path("/requests.json")
    public Response requests(@QueryParam("api_key") String apiKey, @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCode, @QueryParam("start_date") String start,
            @QueryParam("end_date") String end, @QueryParam("status") String status) {
        var client = keys.clientFor(apiKey);
        if (client.isEmpty()) {
            return error(403, "api_key is missing or invalid");
        }
        try {
            return Response.ok(open311.find(client.get(), ids, serviceCode, start, end, status)).build();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    @GET
    @Path("/requests/{id}.json")
    public Response request(@PathParam("id") String id, @QueryParam("api_key") String apiKey) {
        var client = keys.clientFor(apiKey);
        if (client.isEmpty()) {
            return error(403, "api_key is missing or invalid");
        }
        return open311.one(client.get(), id).map(r -> Response.ok(List.of(r)).build())
                .orElseGet(() -> error(404, "service_request_id " + id + " not found"));
    }

    @GET
    @Path("/tokens/{token}.json")
    public Response token(@PathParam("token") String token, @QueryParam("api_key") String apiKey) {
        var client = keys.clientFor(apiKey);
        if (client.isEmpty()) {
            return error(403, "api_key is missing or invalid");
        }
        return open311.one(client.get(), token)
                .map(r -> Response.ok(List.of(Map.of("service_request_id", r.serviceRequestId(), "token", token))).build())
                .orElseGet(() -> error(404, "token " + token + " not found"));
    }

    /** A form body that is not URL-encoded (a stray {@code %}, binary bytes) fails while it is read: 400, not 500. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response unreadableForm(IllegalArgumentException e) {
        return error(400, "The form body is not application/x-www-form-urlencoded");
    }

    static Response error(int status, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(List.of(new Error(status, description))).build();
    }

    private static String required(MultivaluedMap<String, String> form, String field) {
        String value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static BigDecimal decimal(MultivaluedMap<String, String> form, String field) {
        String value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a decimal number");
        }
    }

    private static <T> T attribute(MultivaluedMap<String, String> form, String code, String fallback,
            java.util.function.Function<String, T> parser) {
        String value = form.getFirst("attribute[" + code + "]");
        try {
            return parser.apply(value == null || value.isBlank() ? fallback : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute[" + code + "] " + e.getMessage());
        }
    }

    private static String join(String first, String last) {
        String name = ((last == null ? "" : last) + (first == null ? "" : first)).trim(); // 姓 then 名
        return name.isEmpty() ? null : name;
    }
}
