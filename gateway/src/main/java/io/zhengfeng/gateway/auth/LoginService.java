package io.zhengfeng.gateway.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.zhengfeng.gateway.account.Account;
import io.zhengfeng.gateway.account.AccountService;
import io.zhengfeng.gateway.account.PasswordHasher;
import io.zhengfeng.gateway.ratelimit.RateLimit;
import io.zhengfeng.gateway.ratelimit.RateLimits;
import io.zhengfeng.gateway.ratelimit.TooManyRequestsException;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * Username and password to a token. One answer for every refusal (unknown user, wrong password,
 * disabled account), and about the same time for each: an unknown user's attempt still runs
 * bcrypt. Attempts are limited per client IP; failures per username and IP, so guessing one
 * account's password is throttled without letting anyone lock a colleague out from elsewhere.
 */
@ApplicationScoped
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final RateLimit attempts;
    private final RateLimit failures;

    public LoginService(AccountService accounts, PasswordHasher hasher, TokenIssuer tokens, RateLimits limits) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.attempts = limits.login();
        this.failures = limits.failedLogin();
    }

    public IssuedToken login(String username, String password, String clientIp) {
        String failureKey = AccountService.normalize(username) + "|" + clientIp;
        refuseIfExceeded(attempts.consume(clientIp), "Too many login attempts from your address");
        refuseIfExceeded(failures.peek(failureKey), "Too many failed logins for this account");

        Optional<Account> account = accounts.byUsername(username);
        boolean passwordMatches = hasher.matches(password, account.map(Account::passwordHash).orElse(null));
        if (!passwordMatches || !account.get().active()) {
            failures.consume(failureKey);
            LOG.infof("Login refused for %s from %s", AccountService.normalize(username).replaceAll("\\p{Cntrl}", "?"), clientIp);
            throw new ProblemException(401, "invalid-credentials", "Invalid credentials",
                    "The username or password is wrong");
        }
        failures.forget(failureKey);
        return tokens.issue(account.get());
    }

    private static void refuseIfExceeded(RateLimit.Verdict verdict, String detail) {
        if (!verdict.allowed()) {
            throw new TooManyRequestsException(detail + "; try again in " + verdict.retryAfterSeconds() + " s",
                    verdict.retryAfterSeconds());
        }
    }
}
