package io.zhengfeng.notification.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class WebhookRepository {
    private final EntityManager em;

    public WebhookRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Webhook> find(UUID id) {
        return Optional.ofNullable(em.find(Webhook.class, id));
    }

    public List<Webhook> active() {
        return em.createQuery("from Webhook where active = true order by createdAt, id", Webhook.class).getResultList();
    }

    public List<Webhook> page(int page, int size) {
        return em.createQuery("from Webhook where active = true order by createdAt desc, id", Webhook.class)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long countActive() {
        return em.createQuery("select count(w) from Webhook w where w.active = true", Long.class).getSingleResult();
    }

    public void persist(Webhook webhook) {
        em.persist(webhook);
    }
}
