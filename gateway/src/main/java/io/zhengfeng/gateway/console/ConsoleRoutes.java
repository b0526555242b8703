package io.zhengfeng.gateway.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The staff console's static files ({@code META-INF/resources/console/}, served by Quarkus) get a
 * strict Content-Security-Policy: scripts, styles and connections from this origin only, no inline
 * script, no framing. The page needs nothing else: no CDN, its charts are SVG drawn by its own script.
 */
@ApplicationScoped
public class ConsoleRoutes {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final int ORDER = -1_000;

    void mount(@Observes Router router) {
        router.route("/console*").order(ORDER).handler(this::headers);
    }

    private void headers(RoutingContext ctx) {
        if ("/console".equals(ctx.request().path())) {
            ctx.response().setStatusCode(301).putHeader("Location", "/console/").end();
            return;
        }
        ctx.addHeadersEndHandler(v -> ctx.response().headers()
                .set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Cache-Control", "no-cache"));
        ctx.next();
    }
}
