package io.zhengfeng.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.zhengfeng.gateway.openapi.SuiteOpenApi;

@Path("/api/openapi")
@Tag(name = "API documentation")
@PermitAll
public class OpenApiResource {
    private final SuiteOpenApi suite;

    public OpenApiResource(SuiteOpenApi suite) {
        this.suite = suite;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAPI 3 document of the whole suite, as reachable through the gateway")
    public Uni<ObjectNode> document() {
        return suite.document();
    }
}
