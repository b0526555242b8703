package io.zhengfeng.gateway.account;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    public Optional<Account> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Stable order: by username (unique). */
    public List<Account> page(int page, int size) {
        return findAll(Sort.by("username")).page(Page.of(page, size)).list();
    }
}
