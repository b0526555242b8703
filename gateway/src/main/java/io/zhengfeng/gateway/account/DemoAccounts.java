package io.zhengfeng.gateway.account;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.zhengfeng.gateway.config.AuthConfig;
import io.zhengfeng.platform.security.Roles;

/**
 * One account per role, password {@code demo}, so the suite can be tried locally
 * ({@code QUARKUS_PROFILE=local}) and tested. Created when missing, never overwritten; published
 * like any account so the notification service knows them. Never in the prod profile, even if
 * {@code zhengfeng.auth.demo-accounts} is set there by mistake.
 */
@ApplicationScoped
public class DemoAccounts {
    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);
    public static final String PASSWORD = "demo";

    private record Demo(String username, String displayName, String role, String department) {
    }

    private static final List<Demo> ACCOUNTS = List.of(
            new Demo("spokesperson", "网络发言人 Wang Fang", Roles.SPOKESPERSON, null),
            new Demo("handler-planning", "规划科经办人 Li Wei", Roles.HANDLER, "planning"),
            new Demo("head-planning", "规划科科长 Zhang Min", Roles.DEPT_HEAD, "planning"),
            new Demo("handler-land", "土地科经办人 Chen Jing", Roles.HANDLER, "land"),
            new Demo("head-land", "土地科科长 Liu Yang", Roles.DEPT_HEAD, "land"),
            new Demo("inspector", "行评专班 Zhao Lei", Roles.INSPECTOR, null),
            new Demo("supervisor", "政风行风监督员 Sun Hui", Roles.SUPERVISOR, null),
            new Demo("leader", "领导小组 Zhou Qiang", Roles.LEADER, null),
            new Demo("admin", "系统管理员 Wu Tao", Roles.ADMIN, null));

    private final AccountService accounts;
    private final AuthConfig config;

    public DemoAccounts(AccountService accounts, AuthConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void seed(@Observes StartupEvent ignored) {
        if (!config.demoAccounts()) {
            return;
        }
        if (ConfigUtils.getProfiles().contains("prod")) {
            LOG.warn("zhengfeng.auth.demo-accounts is set in the prod profile: ignored, no demo account created");
            return;
        }
        int created = 0;
        for (Demo demo : ACCOUNTS) {
            AccountProfile profile = new AccountProfile(demo.displayName(), demo.username() + "@zhengfeng.local",
                    Set.of(demo.role()), demo.department(), "zh-CN", true);
            if (accounts.createIfMissing(demo.username(), PASSWORD, profile)) {
                created++;
            }
        }
        LOG.infof("Demo accounts: %d created, %d already there (password '%s')", created, ACCOUNTS.size() - created, PASSWORD);
    }
}
