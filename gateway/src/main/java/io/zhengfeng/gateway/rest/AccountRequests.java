package io.zhengfeng.gateway.rest;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhengfeng.gateway.account.AccountProfile;
import io.zhengfeng.gateway.account.PasswordHasher;

/** Bodies of the admin API. */
public final class AccountRequests {
    static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,63}";
    static final String DEPARTMENT = "[a-z0-9][a-z0-9_-]{0,63}";
    static final String LOCALE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*";
    static final String DEFAULT_LOCALE = "zh-CN";
    /** More than every role there is; a role name is a short word. */
    static final int MAX_ROLES = 20;
    static final int MAX_ROLE = 64;
    /** BCP 47 tags in practice (RFC 5646 section 4.4.1 advises supporting 35 characters). */
    static final int MAX_LOCALE = 35;

    public record NewAccount(
            @NotBlank @Pattern(regexp = USERNAME, message = "2-64 lower-case letters, digits, '.', '_' or '-'") @Schema(maxLength = 64) String username,
            @NotBlank @Size(max = 100) String displayName,
            @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = PasswordHasher.MAX_BYTES) String password,
            @NotEmpty @Size(max = MAX_ROLES) Set<@NotBlank @Size(max = MAX_ROLE) String> roles,
            @Pattern(regexp = DEPARTMENT) @Schema(maxLength = 64) String department,
            @Pattern(regexp = LOCALE) @Size(max = MAX_LOCALE) String locale,
            Boolean active) {

        AccountProfile profile() {
            return new AccountProfile(displayName, email, roles, department, locale == null ? DEFAULT_LOCALE : locale,
                    active == null || active);
        }
    }

    /** Replaces the whole profile: fields left out are cleared (department, email) or defaulted (locale). */
    public record AccountUpdate(
            @NotBlank @Size(max = 100) String displayName,
            @Email @Size(max = 254) String email,
            @NotEmpty @Size(max = MAX_ROLES) Set<@NotBlank @Size(max = MAX_ROLE) String> roles,
            @Pattern(regexp = DEPARTMENT) @Schema(maxLength = 64) String department,
            @Pattern(regexp = LOCALE) @Size(max = MAX_LOCALE) String locale,
            @NotNull Boolean active) {

        AccountProfile profile() {
            return new AccountProfile(displayName, email, roles, department, locale == null ? DEFAULT_LOCALE : locale, active);
        }
    }

    public record PasswordReset(@NotNull @Size(min = 8, max = PasswordHasher.MAX_BYTES) String password) {
    }

    private AccountRequests() {
    }
}
