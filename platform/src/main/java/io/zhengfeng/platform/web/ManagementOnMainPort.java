package io.zhengfeng.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * Health and metrics live on Quarkus's management interface (its own port, never published: see
 * platform's microprofile-config.properties). The local profile also answers them on the main port,
 * because everything that drives a local suite (run.sh, bench/*.sh, the system tests) asks there:
 * {@code /q/health*} and {@code /q/metrics*} on the main router are handed to the management router.
 *
 * <p>Nothing guards the metrics any more (the former bearer-token check, MetricsAccess, is gone): in
 * production they are not on the public port at all, and the management port is reached only from
 * inside the deployment (the scraper, the probes, the gateway's suite health).
 */
@ApplicationScoped
public class ManagementOnMainPort {
    private final boolean enabled;
    /** Set when the management interface is built; never when the build has none (dev mode, tests). */
    private volatile Router management;

    public ManagementOnMainPort(PlatformConfig config) {
        this.enabled = config.management().alsoOnMainPort();
    }

    void management(@Observes ManagementInterface managementInterface) {
        management = managementInterface.router();
    }

    void mainPort(@Observes Router main) {
        if (!enabled) {
            return;
        }
        // No path on the route: the management router then matches the request's full path (a
        // sub-router is mounted where its route's path is, and its routes are /q/health..., not relative).
        main.route().handler(ctx -> {
            Router target = management;
            if (target != null && isManagementPath(ctx.normalizedPath())) {
                target.handleContext(ctx);
            } else {
                ctx.next();
            }
        });
    }

    static boolean isManagementPath(String path) {
        return under(path, "/q/health") || under(path, "/q/metrics");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
