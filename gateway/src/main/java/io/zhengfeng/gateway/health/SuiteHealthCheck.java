package io.zhengfeng.gateway.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.zhengfeng.gateway.proxy.Upstream;
import io.zhengfeng.gateway.proxy.UpstreamClient;

/**
 * {@code /q/health/group/suite}: UP only when every routed service says it is ready. Kept out of
 * the gateway's own readiness on purpose: a service being down must not take the gateway (and with
 * it every other service) out of a load balancer. Probes run concurrently, each within
 * {@code zhengfeng.gateway.upstream.probe-timeout}.
 */
@HealthGroup("suite")
@ApplicationScoped
public class SuiteHealthCheck implements AsyncHealthCheck {
    private final UpstreamClient upstreams;

    public SuiteHealthCheck(UpstreamClient upstreams) {
        this.upstreams = upstreams;
    }

    private record Probe(String service, boolean up, String state) {
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Probe>> probes = upstreams.upstreams().stream().map(this::probe).toList();
        if (probes.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.up("suite"));
        }
        return Uni.join().all(probes).andCollectFailures().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("suite")
                    .status(results.stream().allMatch(Probe::up));
            results.forEach(p -> response.withData(p.service(), p.state()));
            return response.build();
        });
    }

    private Uni<Probe> probe(Upstream upstream) {
        return upstreams.get(upstream, upstream.healthPath())
                .map(reply -> reply.status() == 200
                        ? new Probe(upstream.name(), true, "UP")
                        : new Probe(upstream.name(), false, "DOWN (HTTP " + reply.status() + ")"))
                .onFailure().recoverWithItem(failure -> new Probe(upstream.name(), false,
                        "UNREACHABLE (" + failure.getMessage() + ")"));
    }
}
