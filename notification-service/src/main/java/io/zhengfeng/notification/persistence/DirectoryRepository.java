package io.zhengfeng.notification.persistence;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The local staff directory built from the account feed. */
@ApplicationScoped
public class DirectoryRepository {
    private final EntityManager em;

    public DirectoryRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<DirectoryAccount> find(String username) {
        return Optional.ofNullable(em.find(DirectoryAccount.class, username));
    }

    /** Active accounts holding {@code role}, in {@code department} when it is given. */
    public List<DirectoryAccount> activeWithRole(String role, Optional<String> department) {
        String jpql = "select distinct a from DirectoryAccount a join a.roles r where r = :role and a.active = true"
                + (department.isPresent() ? " and a.department = :department" : "") + " order by a.username";
        var q = em.createQuery(jpql, DirectoryAccount.class).setParameter("role", role);
        department.ifPresent(d -> q.setParameter("department", d));
        return q.getResultList();
    }

    public void persist(DirectoryAccount account) {
        em.persist(account);
    }
}
