package io.zhengfeng.gateway.openapi;

import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import io.zhengfeng.gateway.openapi.OpenApiMerger.ServiceDocument;
import io.zhengfeng.gateway.proxy.Upstream;
import io.zhengfeng.gateway.proxy.UpstreamClient;

/**
 * Builds the suite's document on request: the services' documents are fetched concurrently, each
 * within the probe timeout; a service that does not answer is left out and named in
 * {@code x-zhengfeng-unavailable} rather than failing the whole document.
 */
@ApplicationScoped
public class SuiteOpenApi {
    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);

    private final UpstreamClient upstreams;
    /** Quarkus's own holder of the gateway's generated document (what /q/openapi serves). */
    private final OpenApiDocumentService gatewayDocument;
    private final ObjectMapper json;

    public SuiteOpenApi(UpstreamClient upstreams, OpenApiDocumentService gatewayDocument, ObjectMapper json) {
        this.upstreams = upstreams;
        this.gatewayDocument = gatewayDocument;
        this.json = json;
    }

    public Uni<ObjectNode> document() {
        List<Uni<ServiceDocument>> fetches = upstreams.upstreams().stream().map(this::fetch).toList();
        Uni<List<ServiceDocument>> all = fetches.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(fetches).andCollectFailures();
        return all.map(docs -> {
            TreeMap<String, ServiceDocument> byService = new TreeMap<>();
            docs.forEach(d -> byService.put(d.service(), d));
            return OpenApiMerger.merge(gateway(), byService);
        });
    }

    private Uni<ServiceDocument> fetch(Upstream upstream) {
        return upstreams.get(upstream, upstream.openapiPath())
                .map(reply -> {
                    if (reply.status() != 200) {
                        throw new IllegalStateException("HTTP " + reply.status());
                    }
                    return new ServiceDocument(upstream.name(), upstream.prefixes(), parse(reply.body().getBytes()));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("OpenAPI document of %s not available: %s", upstream.name(), failure.getMessage());
                    return new ServiceDocument(upstream.name(), upstream.prefixes(), null);
                });
    }

    private ObjectNode gateway() {
        return (ObjectNode) parse(gatewayDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON document: " + e.getMessage(), e);
        }
    }
}
