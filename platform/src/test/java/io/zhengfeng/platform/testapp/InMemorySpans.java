package io.zhengfeng.platform.testapp;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The test app's span exporter (a CDI SpanExporter bean, which Quarkus uses instead of OTLP): finished
 * spans kept in memory. Why not opentelemetry-sdk-testing's InMemorySpanExporter: that jar also
 * registers a ContextStorageProvider, which the MySQL driver (it has its own OpenTelemetry hooks)
 * loads outside Quarkus's class loader in the test resource, and the test fails to start.
 */
@Singleton
public class InMemorySpans implements SpanExporter {
    private final ConcurrentLinkedQueue<SpanData> finished = new ConcurrentLinkedQueue<>();

    public List<SpanData> finished() {
        return List.copyOf(finished);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        finished.addAll(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
