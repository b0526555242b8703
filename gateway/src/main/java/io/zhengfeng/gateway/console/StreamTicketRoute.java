package io.zhengfeng.gateway.console;

import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zhengfeng.gateway.auth.StreamTickets;
import io.zhengfeng.gateway.config.ConsoleConfig;
import io.zhengfeng.gateway.web.RouteProblems;

/**
 * {@code GET <stream path>?ticket=…}: redeems the ticket (once) and routes the request on, without
 * the ticket, as if it had come with the ticket holder's bearer token — so the edge check, the proxy
 * and the service treat it like any authenticated stream. Runs before the proxy routes.
 */
@ApplicationScoped
public class StreamTicketRoute {
    static final String TICKET = "ticket";
    /** Before the proxy routes, which are mounted with the default order. */
    private static final int ORDER = -1_000;

    private final StreamTickets tickets;
    private final ConsoleConfig config;
    private final RouteProblems problems;

    public StreamTicketRoute(StreamTickets tickets, ConsoleConfig config, RouteProblems problems) {
        this.tickets = tickets;
        this.config = config;
        this.problems = problems;
    }

    void mount(@Observes Router router) {
        router.route(HttpMethod.GET, config.streamPath()).order(ORDER).handler(this::redeem);
    }

    private void redeem(RoutingContext ctx) {
        String ticket = ctx.request().getParam(TICKET);
        if (ticket == null) {
            ctx.next();
            return;
        }
        Optional<String> token = tickets.redeem(ticket);
        if (token.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.send(ctx.response(), 401, "unauthorized", "Unauthorized",
                    "The stream ticket is unknown, used or expired: ask POST /api/auth/stream-ticket for a new one");
            return;
        }
        ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
        String rest = ctx.queryParams().entries().stream().filter(e -> !TICKET.equals(e.getKey()))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        // the service never sees the ticket; the bearer travels on the original request's headers
        ctx.reroute(ctx.request().path() + (rest.isEmpty() ? "" : "?" + rest));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
