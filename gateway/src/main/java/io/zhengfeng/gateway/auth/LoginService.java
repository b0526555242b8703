package io.zhengfeng.gateway.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.zhengfeng.gateway.account.Account;
import io.zhengfeng.gateway.account.AccountService;
import io.zhengfeng.gateway.account.PasswordHasher;
import io.zhengfeng.gateway.ratelimit.LoginBackoff;
import io.zhengfeng.gateway.ratelimit.RateLimit;
import io.zhengfeng.gateway.ratelimit.RateLimits;
import io.zhengfeng.gateway.ratelimit.TooManyRequestsException;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * Username and password to a token. One answer for every refusal (unknown user, wrong password,
 * disabled account), and about the same time for each: an unknown user's attempt still runs
 * bcrypt. Every attempt is counted before the password is checked, atomically: per client IP (all
 * attempts), per client IP over all accounts (failures: spraying), and per username and IP with
 * exponential backoff ({@link LoginBackoff}) — the address is part of that key, so nobody can lock
 * a colleague out from another address. A success gives back what it was charged as a failure.
 */
@ApplicationScoped
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final RateLimit attempts;
    private final RateLimit addressFailures;
    private final LoginBackoff failures;

    public LoginService(AccountService accounts, PasswordHasher hasher, TokenIssuer tokens, RateLimits limits) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.attempts = limits.login();
        this.addressFailures = limits.addressFailures();
        this.failures = limits.failedLogin();
    }

    public IssuedToken login(String username, String password, String clientIp) {
        refuseIfExceeded(attempts.consume(clientIp), "Too many login attempts from your address");
        if (password.getBytes(UTF_8).length > PasswordHasher.MAX_BYTES) {
            // bcrypt reads 72 bytes at most: no stored password is longer, so this is a client error
            throw ProblemException.badField("password", "must be at most " + PasswordHasher.MAX_BYTES + " bytes in UTF-8");
        }
        String failureKey = AccountService.normalize(username) + "|" + clientIp;
        refuseIfExceeded(addressFailures.consume(clientIp), "Too many failed logins from your address");
        RateLimit.Verdict backoff = failures.reserve(failureKey);
        if (!backoff.allowed()) {
            addressFailures.refund(clientIp); // not checked, so not a failure from this address
            refuseIfExceeded(backoff, "Too many failed logins for this account");
        }

        Optional<Account> account = accounts.byUsername(username);
        boolean passwordMatches = hasher.matches(password, account.map(Account::passwordHash).orElse(null));
        if (!passwordMatches || !account.get().active()) {
            LOG.infof("Login refused for %s from %s", AccountService.normalize(username).replaceAll("\\p{Cntrl}", "?"), clientIp);
            throw new ProblemException(401, "invalid-credentials", "Invalid credentials",
                    "The username or password is wrong");
        }
        failures.succeeded(failureKey);
        addressFailures.refund(clientIp);
        return tokens.issue(account.get());
    }

    private static void refuseIfExceeded(RateLimit.Verdict verdict, String detail) {
        if (!verdict.allowed()) {
            throw new TooManyRequestsException(detail + "; try again in " + verdict.retryAfterSeconds() + " s",
                    verdict.retryAfterSeconds());
        }
    }
}
