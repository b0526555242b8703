package io.zhengfeng.gateway.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.gateway.account.Account;
import io.zhengfeng.gateway.account.AccountService;
import io.zhengfeng.gateway.rest.AccountRequests.AccountUpdate;
import io.zhengfeng.gateway.rest.AccountRequests.NewAccount;
import io.zhengfeng.gateway.rest.AccountRequests.PasswordReset;
import io.zhengfeng.platform.security.Roles;

/** Staff accounts, for the administrator. */
@Path("/api/auth/accounts")
@Tag(name = "Accounts")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    static final int MAX_PAGE_SIZE = 100;

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Operation(summary = "List accounts by username")
    public PageView<AccountView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        List<AccountView> items = accounts.page(page, size).stream().map(AccountView::of).toList();
        return new PageView<>(items, page, size, accounts.count());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One account")
    public AccountView get(@PathParam("id") UUID id) {
        return AccountView.of(accounts.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account", description = "Published on zhengfeng.accounts as account.upserted.v1.")
    public Response create(@NotNull @Valid NewAccount request) {
        Account account = accounts.create(request.username(), request.password(), request.profile());
        return Response.created(URI.create("/api/auth/accounts/" + account.id())).entity(AccountView.of(account)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an account's profile: roles, department, active, …",
            description = "Published as account.upserted.v1, or account.disabled.v1 when active is false.")
    public AccountView update(@PathParam("id") UUID id, @NotNull @Valid AccountUpdate request) {
        return AccountView.of(accounts.update(id, request.profile()));
    }

    @PUT
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password")
    public Response resetPassword(@PathParam("id") UUID id, @NotNull @Valid PasswordReset request) {
        accounts.resetPassword(id, request.password());
        return Response.noContent().build();
    }
}
