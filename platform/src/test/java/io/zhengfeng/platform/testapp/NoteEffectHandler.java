package io.zhengfeng.platform.testapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.platform.events.PoisonEventException;

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
        if (NoteFaults.REJECTED.contains(written.noteId())) {
            throw new PoisonEventException("note " + written.noteId() + " is rejected by the rules");
        }
        if (NoteFaults.DEADLOCK_ONCE.remove(written.noteId())) {
            // Row a, then row b, while the test takes b then a: InnoDB kills one of us (error 1213).
            em.createNativeQuery("UPDATE note_lock SET v = v + 1 WHERE id = 'a'").executeUpdate();
            NoteFaults.handlerHoldsAAwaitPartner();
            em.createNativeQuery("UPDATE note_lock SET v = v + 1 WHERE id = 'b'").executeUpdate();
        }
        em.createNativeQuery("INSERT INTO note_effect (note_id, n) VALUES (?1, ?2)")
                .setParameter(1, written.noteId().toString()).setParameter(2, written.n()).executeUpdate();
    }
}
