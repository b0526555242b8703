package io.zhengfeng.platform.testapp;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Changes a note's text: a plain row update, which waits for a lock another transaction holds. */
@Path("/notes/{id}/text")
public class NoteTextResource {
    private final EntityManager em;

    public NoteTextResource(EntityManager em) {
        this.em = em;
    }

    @PUT
    @Transactional
    public void change(@PathParam("id") UUID id, String text) {
        em.createNativeQuery("UPDATE note SET text = ?1 WHERE id = ?2").setParameter(1, text).setParameter(2, id.toString())
                .executeUpdate();
    }
}
