package io.zhengfeng.complaint.open311;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.open311.Open311Views.Error;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * Open311 GeoReport v2 (JSON), so an existing Open311 front end submits and follows complaints
 * unchanged. Services are our categories; kind and channel are service attributes. As the spec has
 * it, only the POST needs an api_key; a GET without one gets the public view, and a key that is sent
 * but unknown or revoked is a 403. Errors use Open311's own shape, {@code [{code, description}]}.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {
    static final String KEY_HEADER = "X-Api-Key";
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
    @Operation(summary = "Submit a request; needs an api_key (X-Api-Key header or form field); contact is optional")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = Open311Views.RequestForm.class)))
    public Response submit(@HeaderParam(KEY_HEADER) String headerKey, MultivaluedMap<String, String> form) {
        Optional<String> client = frontEnd(headerKey, form.getFirst("api_key"));
        if (client.isEmpty()) {
            return error(403, "api_key is missing or invalid");
        }
        try {
            var created = open311.submit(Open311Form.parse(form, client.get()));
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
    @Operation(summary = "With an api_key, the front end's own requests; without, the published ones (public view)")
    public Response requests(@HeaderParam(KEY_HEADER) String headerKey, @QueryParam("api_key") String apiKey,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @QueryParam("status") String status) {
        Optional<String> client = frontEnd(headerKey, apiKey);
        if (client.isEmpty() && given(headerKey, apiKey)) {
            return error(403, "api_key is invalid");
        }
        try {
            return Response.ok(open311.find(client, ids, serviceCode, start, end, status)).build();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    @GET
    @Path("/requests/{id}.json")
    @Operation(summary = "One request: the front end's own view with its api_key; without, its public view")
    public Response request(@PathParam("id") String id, @HeaderParam(KEY_HEADER) String headerKey,
            @QueryParam("api_key") String apiKey) {
        Optional<String> client = frontEnd(headerKey, apiKey);
        if (client.isEmpty() && given(headerKey, apiKey)) {
            return error(403, "api_key is invalid");
        }
        return open311.one(client, id).map(r -> Response.ok(List.of(r)).build())
                .orElseGet(() -> error(404, "service_request_id " + id + " not found"));
    }

    @GET
    @Path("/tokens/{token}.json")
    @Operation(summary = "The service_request_id behind a token (the spec asks no api_key here)")
    public Response token(@PathParam("token") String token) {
        return open311.byToken(token)
                .map(id -> Response.ok(List.of(Map.of("service_request_id", id, "token", token))).build())
                .orElseGet(() -> error(404, "token " + token + " not found"));
    }

    /** The spec's {@code api_key} parameter, or the {@code X-Api-Key} header (which stays out of URLs and logs). */
    private Optional<String> frontEnd(String headerKey, String paramKey) {
        return keys.clientFor(headerKey != null && !headerKey.isBlank() ? headerKey : paramKey);
    }

    private static boolean given(String headerKey, String paramKey) {
        return headerKey != null && !headerKey.isBlank() || paramKey != null && !paramKey.isBlank();
    }

    /** A form body that is not URL-encoded (a stray {@code %}, binary bytes) fails while it is read: 400, not 500. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response unreadableForm(IllegalArgumentException e) {
        return error(400, "The form body is not application/x-www-form-urlencoded");
    }

    static Response error(int status, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(List.of(new Error(status, description))).build();
    }
}
