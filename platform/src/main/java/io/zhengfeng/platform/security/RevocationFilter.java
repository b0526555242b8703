package io.zhengfeng.platform.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.zhengfeng.platform.problem.Problems;

/** A revoked token is answered 401 like any invalid one, before the resource runs. */
public class RevocationFilter {
    private final TokenRevocations revocations;

    public RevocationFilter(TokenRevocations revocations) {
        this.revocations = revocations;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseRevoked(ContainerRequestContext request) {
        if (revocations.isRevokedBearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                    "This token was revoked (account disabled, roles changed or password reset): log in again"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
        }
        return null;
    }
}
