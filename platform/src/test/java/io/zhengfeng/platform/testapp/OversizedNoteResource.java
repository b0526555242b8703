package io.zhengfeng.platform.testapp;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.zhengfeng.platform.events.Outbox;

/** One note, one event larger than any broker takes, then an ordinary event of the same note (same shard). */
@Path("/notes/oversized")
public class OversizedNoteResource {
    public static final String OVERSIZED = "io.zhengfeng.note.oversized.v1";
    /** Above the producer's max.request.size and the broker's message.max.bytes (1 MiB each by default). */
    static final int PADDING = 2 * 1024 * 1024;

    public record Oversized(UUID noteId, String padding) {
    }

    private final EntityManager em;
    private final Outbox outbox;

    public OversizedNoteResource(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @POST
    @Transactional
    public NoteResource.Written write() {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO note (id, text) VALUES (?1, 'oversized')").setParameter(1, id.toString())
                .executeUpdate();
        outbox.publish(NoteEvents.TOPIC, OVERSIZED, id, new Oversized(id, "x".repeat(PADDING)));
        outbox.publish(NoteEvents.TOPIC, NoteEvents.WRITTEN, id, new NoteEvents.NoteWritten(id, 1));
        return new NoteResource.Written(id);
    }
}
