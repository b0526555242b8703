package io.zhengfeng.notification.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.zhengfeng.notification.persistence.DirectoryAccount;
import io.zhengfeng.notification.persistence.DirectoryRepository;
import io.zhengfeng.notification.persistence.Webhook;
import io.zhengfeng.notification.persistence.WebhookRepository;

/**
 * Audiences' members, people's preferences and the active webhooks, looked up once per
 * transaction: a poll's events (applied in one transaction by the platform consumer) or a firing
 * round address the same few audiences again and again. Nothing outlives the transaction, so a
 * change made elsewhere is seen by the next one; a change in this one (an account event of the
 * same batch) calls {@link #forget()}.
 */
@ApplicationScoped
public class BatchLookups {
    private static final String KEY = "zf-batch-lookups";

    private final TransactionSynchronizationRegistry transactions;
    private final DirectoryRepository directory;
    private final WebhookRepository webhooks;
    private final Preferences preferences;

    public BatchLookups(TransactionSynchronizationRegistry transactions, DirectoryRepository directory,
            WebhookRepository webhooks, Preferences preferences) {
        this.transactions = transactions;
        this.directory = directory;
        this.webhooks = webhooks;
        this.preferences = preferences;
    }

    private static final class Cache {
        final Map<Audience, List<DirectoryAccount>> members = new HashMap<>();
        final Map<String, Preferences.View> preferences = new HashMap<>();
        List<Webhook> webhooks;
    }

    /** Active accounts an audience reaches. */
    public List<DirectoryAccount> members(Audience audience) {
        return cache().members.computeIfAbsent(audience, a -> a.isUser()
                ? directory.find(a.username()).filter(p -> p.active).map(List::of).orElse(List.of())
                : directory.activeWithRole(a.role(), a.departmentScope()));
    }

    public Preferences.View preferences(String username) {
        return cache().preferences.computeIfAbsent(username, preferences::of);
    }

    public List<Webhook> webhooks() {
        Cache c = cache();
        if (c.webhooks == null) {
            c.webhooks = webhooks.active();
        }
        return c.webhooks;
    }

    /** The directory changed in this transaction: look it up again. */
    public void forget() {
        transactions.putResource(KEY, new Cache());
    }

    private Cache cache() {
        Cache c = (Cache) transactions.getResource(KEY);
        if (c == null) {
            c = new Cache();
            transactions.putResource(KEY, c);
        }
        return c;
    }
}
