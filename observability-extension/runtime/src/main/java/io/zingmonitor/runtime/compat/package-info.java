/**
 * ZingMonitor's patches of Quarkus internals, kept in one place: each works around something Quarkus does
 * not offer (yet), each has its own build-time switch, and each has a test in the deployment module that
 * fails when a Quarkus upgrade changes what it patches.
 * <ul>
 * <li>{@link io.zingmonitor.runtime.compat.SpanExportAccounting}: the OTLP exporter recorder's
 * {@code BatchSpanProcessor.builder} call is redirected, to count the spans that never reach the
 * backend ({@code zingmonitor.compat.span-export-accounting.enabled}).</li>
 * <li>{@link io.zingmonitor.runtime.compat.BucketExemplarsPrometheusRegistry}: Quarkus's Prometheus
 * registry producer is replaced, to sample exemplars for histogram buckets only
 * ({@code zingmonitor.exemplars.enabled}).</li>
 * <li>{@link io.zingmonitor.runtime.compat.OpenMetricsNegotiation}: Prometheus's {@code Accept} header is
 * narrowed, so the metrics endpoint answers OpenMetrics, the format that carries exemplars
 * ({@code zingmonitor.compat.openmetrics-accept.enabled}).</li>
 * </ul>
 */
package io.zingmonitor.runtime.compat;
