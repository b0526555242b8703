package io.zhengfeng.gateway.health;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.zhengfeng.gateway.proxy.Replica;
import io.zhengfeng.gateway.proxy.Upstream;
import io.zhengfeng.gateway.proxy.UpstreamClient;

/**
 * {@code /q/health/group/suite}: UP only when every routed service has a replica that says it is
 * ready. Kept out of the gateway's own readiness on purpose: a service being down must not take the
 * gateway (and with it every other service) out of a load balancer. Every replica is probed,
 * concurrently, each within {@code zhengfeng.gateway.upstream.probe-timeout}, and reported on its
 * own ({@code <service>@<address>}; a service of one replica is reported under its name alone). The
 * answers also steer the proxy: a replica that is not ready is passed over, one that is comes back.
 * A replica is asked at its route's {@code health-url} (its management port, where production serves
 * health), by default at its upstream URL.
 */
@HealthGroup("suite")
@ApplicationScoped
public class SuiteHealthCheck implements AsyncHealthCheck {
    private final UpstreamClient upstreams;

    public SuiteHealthCheck(UpstreamClient upstreams) {
        this.upstreams = upstreams;
    }

    private record Probe(String service, String replica, boolean up, String state) {
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Probe>> probes = upstreams.upstreams().stream()
                .flatMap(upstream -> upstream.replicas().stream().map(replica -> probe(upstream, replica)))
                .toList();
        if (probes.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.up("suite"));
        }
        return Uni.join().all(probes).andCollectFailures().map(results -> {
            Map<String, Boolean> serviceUp = results.stream()
                    .collect(Collectors.toMap(Probe::service, Probe::up, Boolean::logicalOr));
            HealthCheckResponseBuilder response = HealthCheckResponse.named("suite")
                    .status(!serviceUp.containsValue(false));
            results.forEach(p -> response.withData(p.replica(), p.state()));
            return response.build();
        });
    }

    private Uni<Probe> probe(Upstream upstream, Replica replica) {
        String name = upstream.replicas().size() == 1 ? upstream.name() : upstream.name() + "@" + replica.address();
        return upstreams.health(upstream, replica)
                .map(reply -> {
                    if (reply.status() == 200) {
                        replica.restore();
                        return new Probe(upstream.name(), name, true, "UP");
                    }
                    replica.passOver();
                    return new Probe(upstream.name(), name, false, "DOWN (HTTP " + reply.status() + ")");
                })
                .onFailure().recoverWithItem(failure -> {
                    replica.passOver();
                    return new Probe(upstream.name(), name, false, "UNREACHABLE (" + failure.getMessage() + ")");
                });
    }
}
