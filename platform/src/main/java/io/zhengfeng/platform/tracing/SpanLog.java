package io.zhengfeng.platform.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.zhengfeng.platform.config.PlatformConfig;

/**
 * The "log exporter" of a local run: one line per finished span (trace, span, parent, kind, name,
 * duration) when {@code zhengfeng.tracing.log} ({@code ZF_TRACE_LOG}) is true, so one complaint's
 * trace can be followed across services with grep and no collector. A {@link SpanProcessor} bean,
 * not a SpanExporter: a SpanExporter bean would make Quarkus drop its OTLP exporter.
 */
@ApplicationScoped
public class SpanLog implements SpanProcessor {
    private static final Logger LOG = Logger.getLogger(SpanLog.class);

    private final boolean enabled;

    public SpanLog(PlatformConfig config) {
        this.enabled = config.tracing().log();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        LOG.infof("span trace=%s span=%s parent=%s kind=%s name=\"%s\" duration_us=%d status=%s",
                data.getTraceId(), data.getSpanId(), data.getParentSpanId(), data.getKind(), data.getName(),
                (data.getEndEpochNanos() - data.getStartEpochNanos()) / 1000, data.getStatus().getStatusCode());
    }

    @Override
    public boolean isEndRequired() {
        return enabled;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
