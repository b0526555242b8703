package io.zhengfeng.complaint.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.pii.RekeyJob;
import io.zhengfeng.platform.pii.RekeyRunner;
import io.zhengfeng.platform.problem.ProblemException;

/** The admin's handle on the re-encryption of complainants' contact data after a key rotation. */
@Path("/api/complaints/admin/pii-rekey")
@Tag(name = "Personal-data key rotation")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataRekeyResource {
    private final RekeyRunner runner;
    private final RekeyJob rekey;

    public PersonalDataRekeyResource(RekeyRunner runner, RekeyJob rekey) {
        this.runner = runner;
        this.rekey = rekey;
    }

    @POST
    @Operation(summary = "Re-encrypt every contact value not under the active key (202; an unfinished run is continued, not restarted)")
    public Response start() {
        return Response.accepted(runner.start()).build();
    }

    @GET
    @Operation(summary = "Progress of the most recent run")
    public RekeyJob.Progress latest() {
        return rekey.latest().orElseThrow(() -> ProblemException.notFound("No re-encryption run"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Progress of one run")
    public RekeyJob.Progress get(@PathParam("id") UUID id) {
        return rekey.progress(id.toString()).orElseThrow(() -> ProblemException.notFound("Re-encryption run " + id));
    }
}
