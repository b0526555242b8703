package io.zhengfeng.platform.testapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/** Applies each NoteWritten by appending a row: a duplicate application would show as a second row. */
@ApplicationScoped
public class NoteEffectHandler implements EventHandler {
    private final EntityManager em;

    public NoteEffectHandler(EntityManager em) {
        this.em = em;
    }

    @Override
    public String topic() {
        return NoteEvents.TOPIC;
    }

    @Override
    public Set<String> types() {
        return Set.of(NoteEvents.WRITTEN);
    }

    @Override
    public void handle(IncomingEvent event) {
        NoteEvents.NoteWritten written = event.payloadAs(NoteEvents.NoteWritten.class);
        em.createNativeQuery("INSERT INTO note_effect (note_id, n) VALUES (?1, ?2)")
                .setParameter(1, written.noteId().toString()).setParameter(2, written.n()).executeUpdate();
    }
}
