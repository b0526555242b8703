package io.zhengfeng.gateway.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.zhengfeng.gateway.auth.StreamTickets;

/** A one-use ticket for the live stream, for browsers whose EventSource cannot send the bearer token. */
@Path("/api/auth/stream-ticket")
@Tag(name = "Authentication")
@Authenticated
public class StreamTicketResource {
    /** {@code expiresIn} in seconds, as the token response has it. */
    public record TicketResponse(String ticket, long expiresIn) {
    }

    private final StreamTickets tickets;
    private final JsonWebToken jwt;

    public StreamTicketResource(StreamTickets tickets, JsonWebToken jwt) {
        this.tickets = tickets;
        this.jwt = jwt;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A ticket for GET /api/notifications/inbox/stream?ticket=…",
            description = "Good for one connection within 30 s and never beyond the bearer token; the stream then lives as long as that token.")
    @APIResponse(responseCode = "200", description = "Ticket issued")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Response issue() {
        StreamTickets.Ticket ticket = tickets.issue(jwt.getRawToken(), Instant.ofEpochSecond(jwt.getExpirationTime()));
        return Response.ok(new TicketResponse(ticket.ticket(), Math.max(1, ticket.lifetime().toSeconds())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
