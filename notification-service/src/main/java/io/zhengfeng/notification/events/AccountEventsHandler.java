package io.zhengfeng.notification.events;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.AccountEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.DirectoryAccount;
import io.zhengfeng.notification.persistence.DirectoryRepository;
import io.zhengfeng.notification.service.BatchLookups;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/** Keeps the recipient directory in step with the gateway's staff accounts. */
@ApplicationScoped
public class AccountEventsHandler implements EventHandler {
    private final DirectoryRepository directory;
    private final BatchLookups lookups;

    public AccountEventsHandler(DirectoryRepository directory, BatchLookups lookups) {
        this.directory = directory;
        this.lookups = lookups;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNTS;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.ACCOUNT_UPSERTED, EventTypes.ACCOUNT_DISABLED);
    }

    @Override
    public void handle(IncomingEvent event) {
        AccountEvent a = event.payloadAs(AccountEvent.class);
        DirectoryAccount account = directory.find(a.username()).orElseGet(DirectoryAccount::new);
        boolean isNew = account.username == null;
        account.username = a.username();
        account.accountId = a.accountId();
        account.displayName = a.displayName();
        account.email = a.email();
        account.department = a.department();
        account.locale = a.locale();
        account.active = a.active() && EventTypes.ACCOUNT_UPSERTED.equals(event.type());
        account.roles = new HashSet<>(a.roles() == null ? Set.of() : a.roles());
        account.updatedAt = Instant.now();
        if (isNew) {
            directory.persist(account);
        }
        lookups.forget(); // later events of the same batch see this account as it is now
    }
}
