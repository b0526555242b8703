package io.zhengfeng.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import io.zhengfeng.gateway.auth.IssuedToken;
import io.zhengfeng.gateway.auth.LoginService;

@Path("/api/auth/token")
@Tag(name = "Authentication")
@PermitAll
public class TokenResource {
    private final LoginService login;

    public TokenResource(LoginService login) {
        this.login = login;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with a local staff account", description = "Returns a bearer token the whole suite accepts.")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "Missing or unknown field")
    @APIResponse(responseCode = "401", description = "Wrong username or password")
    @APIResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
    public Response token(@NotNull @Valid TokenRequest request, @Context HttpServerRequest http) {
        IssuedToken issued = login.login(request.username(), request.password(), http.remoteAddress().hostAddress());
        // RFC 6749 §5.1: a token response must not be cached
        return Response.ok(new TokenResponse(issued.token(), "Bearer", issued.lifetime().toSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
