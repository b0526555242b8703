package io.zhengfeng.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.zhengfeng.gateway.account.Account;
import io.zhengfeng.gateway.account.AccountProfile;

/** An account as the admin API shows it; the password hash never leaves the service. */
public record AccountView(UUID id, String username, String displayName, String email, List<String> roles,
        String department, String locale, boolean active, Instant createdAt, Instant updatedAt) {

    static AccountView of(Account account) {
        AccountProfile p = account.profile();
        return new AccountView(account.id(), account.username(), p.displayName(), p.email(),
                p.roles().stream().sorted().toList(), p.department(), p.locale(), p.active(),
                account.createdAt(), account.updatedAt());
    }
}
