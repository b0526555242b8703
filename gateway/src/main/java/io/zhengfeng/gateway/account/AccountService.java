package io.zhengfeng.gateway.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.zhengfeng.contracts.AccountEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.events.Outbox;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * Staff accounts. Every creation and profile change is published, in the same transaction, as the
 * directory feed other services resolve recipients from ({@code account.upserted.v1}, or
 * {@code account.disabled.v1} when the account is inactive). Password changes are not published:
 * the directory holds no credentials.
 */
@ApplicationScoped
public class AccountService {
    public static final Set<String> ROLES = Set.of(Roles.SPOKESPERSON, Roles.HANDLER, Roles.DEPT_HEAD, Roles.INSPECTOR,
            Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
    private static final Set<String> DEPARTMENT_ROLES = Set.of(Roles.HANDLER, Roles.DEPT_HEAD);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final PasswordPolicy policy;
    private final Clock clock;

    public AccountService(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy, Outbox outbox) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /** Usernames are compared and stored in lower case. */
    public static String normalize(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    /** An account whose password meets {@link PasswordPolicy}. */
    @Transactional
    public Account create(String username, String password, AccountProfile profile) {
        policy.check(username, password);
        return insert(username, password, profile);
    }

    private Account insert(String username, String password, AccountProfile profile) {
        String name = normalize(username);
        validate(profile);
        if (accounts.findByUsername(name).isPresent()) {
            throw ProblemException.conflict("account-exists", "An account named " + name + " already exists");
        }
        Account account = new Account(name, hasher.hash(password), profile, clock.instant());
        try {
            accounts.persistAndFlush(account);
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                // created concurrently between our check and our insert: the unique key decided
                throw ProblemException.conflict("account-exists", "An account named " + name + " already exists");
            }
            throw e;
        }
        publish(account);
        return account;
    }

    /** For the demo accounts: created once, left alone afterwards (an admin may have changed them). */
    @Transactional
    public boolean createIfMissing(String username, String password, AccountProfile profile) {
        if (accounts.findByUsername(normalize(username)).isPresent()) {
            return false;
        }
        insert(username, password, profile); // the demo password "demo" predates, and is exempt from, the policy
        return true;
    }

    @Transactional
    public Account update(UUID id, AccountProfile profile) {
        validate(profile);
        Account account = require(id);
        boolean revoke = account.active() != profile.active() || !account.roles().equals(profile.roles())
                || !java.util.Objects.equals(account.department(), profile.department());
        account.apply(profile, clock.instant());
        publish(account);
        if (revoke) {
            revokeTokens(account); // what the old tokens claim (roles, department) is no longer true
        }
        return account;
    }

    @Transactional
    public void resetPassword(UUID id, String password) {
        Account account = require(id);
        policy.check(account.username(), password);
        account.changePassword(hasher.hash(password), clock.instant());
        revokeTokens(account);
    }

    @Transactional
    public Account get(UUID id) {
        return require(id);
    }

    @Transactional
    public Optional<Account> byUsername(String username) {
        return accounts.findByUsername(normalize(username));
    }

    @Transactional
    public List<Account> page(int page, int size) {
        return accounts.page(page, size);
    }

    @Transactional
    public long count() {
        return accounts.count();
    }

    private Account require(UUID id) {
        return accounts.findByIdOptional(id.toString()).orElseThrow(() -> ProblemException.notFound("Account " + id));
    }

    private static void validate(AccountProfile profile) {
        for (String role : profile.roles()) {
            if (!ROLES.contains(role)) {
                throw ProblemException.badField("roles", "unknown role " + role + "; known: " + String.join(", ",
                        ROLES.stream().sorted().toList()));
            }
        }
        boolean needsDepartment = profile.roles().stream().anyMatch(DEPARTMENT_ROLES::contains);
        if (needsDepartment && profile.department() == null) {
            throw ProblemException.badField("department", "is required for the roles handler and dept_head");
        }
    }

    /** Tokens of this account issued until now stop working at the gateway and every service (platform TokenRevocations). */
    private void revokeTokens(Account account) {
        AccountProfile p = account.profile();
        outbox.publish(Topics.ACCOUNTS, EventTypes.ACCOUNT_TOKENS_REVOKED, account.id(), new AccountEvent(account.id(),
                account.username(), p.displayName(), p.email(), p.roles(), p.department(), p.locale(), p.active(),
                account.updatedAt()));
    }

    private void publish(Account account) {
        AccountProfile p = account.profile();
        AccountEvent event = new AccountEvent(account.id(), account.username(), p.displayName(), p.email(), p.roles(),
                p.department(), p.locale(), p.active(), account.updatedAt());
        outbox.publish(Topics.ACCOUNTS, p.active() ? EventTypes.ACCOUNT_UPSERTED : EventTypes.ACCOUNT_DISABLED,
                account.id(), event);
    }
}
