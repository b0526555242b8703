package io.zhengfeng.platform.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.ext.web.Router;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.security.ProductionSecrets;

/**
 * {@code /q/metrics} is public only in the local, dev and test profiles. Elsewhere the scraper sends
 * {@code Authorization: Bearer <ZF_METRICS_TOKEN>} (Prometheus {@code authorization.credentials});
 * without that variable the metrics are not served at all (404). Moving them to Quarkus's
 * management port would be better still, but that is fixed at build time and would move health too.
 */
@ApplicationScoped
public class MetricsAccess {
    private final Optional<String> token;

    public MetricsAccess(PlatformConfig config) {
        this.token = config.metrics().token();
    }

    void guard(@Observes Router router) {
        if (ConfigUtils.getProfiles().stream().anyMatch(ProductionSecrets.DEVELOPMENT_PROFILES::contains)) {
            return;
        }
        router.route("/q/metrics*").order(Integer.MIN_VALUE).handler(ctx -> {
            if (token.isEmpty()) {
                ctx.response().setStatusCode(404).end();
                return;
            }
            String given = ctx.request().getHeader("Authorization");
            byte[] expected = ("Bearer " + token.get()).getBytes(UTF_8);
            if (given != null && MessageDigest.isEqual(expected, given.getBytes(UTF_8))) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
            }
        });
    }
}
