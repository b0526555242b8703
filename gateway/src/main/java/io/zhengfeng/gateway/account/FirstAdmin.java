package io.zhengfeng.gateway.account;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.gateway.config.AuthConfig;
import io.zhengfeng.platform.security.Roles;

/**
 * A production's first {@code admin}, without any demo account: created from
 * {@code ZF_FIRST_ADMIN_USERNAME}/{@code ZF_FIRST_ADMIN_PASSWORD} at start-up while the account table
 * is empty, so leaving the variables set later can never recreate or reset an account.
 */
@ApplicationScoped
public class FirstAdmin {
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final AccountService accounts;
    private final AuthConfig config;

    public FirstAdmin(AccountService accounts, AuthConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void create(@Observes StartupEvent ignored) {
        AuthConfig.FirstAdmin first = config.firstAdmin();
        if (first.username().isEmpty() || first.password().isEmpty()) {
            return;
        }
        if (accounts.count() > 0) {
            LOG.info("ZF_FIRST_ADMIN_USERNAME is set but accounts exist already: nothing created (unset it)");
            return;
        }
        accounts.create(first.username().get(), first.password().get(), new AccountProfile("Administrator", null,
                Set.of(Roles.ADMIN), null, "zh-CN", true));
        LOG.infof("First admin account %s created; unset ZF_FIRST_ADMIN_PASSWORD now", AccountService.normalize(first.username().get()));
    }
}
