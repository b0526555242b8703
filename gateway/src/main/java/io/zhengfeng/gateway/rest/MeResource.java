package io.zhengfeng.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.zhengfeng.gateway.account.AccountService;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;

/** The caller's own account, so a front end can show who is logged in. */
@Path("/api/auth/me")
@Tag(name = "Authentication")
@Authenticated
public class MeResource {
    private final AccountService accounts;
    private final CurrentUser user;

    public MeResource(AccountService accounts, CurrentUser user) {
        this.accounts = accounts;
        this.user = user;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The logged-in account")
    public AccountView me() {
        return accounts.byUsername(user.username()).map(AccountView::of)
                .orElseThrow(() -> ProblemException.notFound("Local account " + user.username()));
    }
}
