package io.zhengfeng.platform.testapp;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.zhengfeng.platform.events.Outbox;

/** A minimal service: a state change and its events in one transaction. */
@Path("/notes")
public class NoteResource {
    public record WriteNote(@NotBlank String text, @NotNull @Min(1) @Max(1000) Integer events) {
    }

    public record Written(UUID id) {
    }

    private final EntityManager em;
    private final Outbox outbox;

    public NoteResource(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @POST
    @Transactional
    public Written write(@Valid @NotNull WriteNote request) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO note (id, text) VALUES (?1, ?2)")
                .setParameter(1, id.toString()).setParameter(2, request.text()).executeUpdate();
        for (int n = 1; n <= request.events(); n++) {
            outbox.publish(NoteEvents.TOPIC, NoteEvents.WRITTEN, id, new NoteEvents.NoteWritten(id, n));
        }
        return new Written(id);
    }

    @POST
    @Path("/{id}/fail")
    @Transactional
    public Written failAfterWriting(@PathParam("id") UUID id) {
        em.createNativeQuery("INSERT INTO note (id, text) VALUES (?1, 'doomed')").setParameter(1, id.toString()).executeUpdate();
        outbox.publish(NoteEvents.TOPIC, NoteEvents.WRITTEN, id, new NoteEvents.NoteWritten(id, 1));
        throw new IllegalStateException("boom: internal detail that must not reach the client");
    }
}
