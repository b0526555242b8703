package io.zhengfeng.platform.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * The access log never writes a secret or a search text that came in a query string. Quarkus's
 * {@code %r} writes the request line as received; our pattern writes {@code %{d,zf.log-target}}
 * instead: the path and query with the value of every sensitive parameter replaced by {@code ***}.
 * A request that never reached this filter is logged without its target at all, never in clear.
 */
@ApplicationScoped
public class AccessLogScrubbing {
    /** Routing-context key the access-log pattern reads. */
    public static final String TARGET = "zf.log-target";
    /** Open311 keys, search text, survey and tracking access codes, tokens, live-stream tickets, passwords. */
    static final Set<String> SENSITIVE = Set.of("api_key", "apikey", "q", "code", "access_code", "accesscode",
            "token", "access_token", "ticket", "password");
    /** Before everything else, so even a request refused early (413, 401) is logged scrubbed. */
    private static final int PRIORITY = 20_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            ctx.put(TARGET, scrub(ctx.request().uri()));
            ctx.next();
        }, PRIORITY);
    }

    /** {@code /a?api_key=s&status=open} → {@code /a?api_key=***&status=open}. */
    public static String scrub(String uri) {
        if (uri == null) {
            return null;
        }
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, question + 1);
        String[] pairs = uri.substring(question + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (equals >= 0 && SENSITIVE.contains(decode(name))) {
                out.append(name).append("=***");
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name.toLowerCase(Locale.ROOT); // a malformed escape: compare as written
        }
    }
}
