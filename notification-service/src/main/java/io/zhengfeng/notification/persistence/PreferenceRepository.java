package io.zhengfeng.notification.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class PreferenceRepository {
    private final EntityManager em;

    public PreferenceRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Preference> find(String username) {
        return Optional.ofNullable(em.find(Preference.class, username));
    }

    public void save(Preference preference) {
        if (em.find(Preference.class, preference.username) == null) {
            em.persist(preference);
        } else {
            em.merge(preference);
        }
    }
}
