package io.zhengfeng.gateway.account;

import java.util.Set;

/** What an administrator sets on an account: everything but its username and password. */
public record AccountProfile(String displayName, String email, Set<String> roles, String department, String locale,
        boolean active) {
}
