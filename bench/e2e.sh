#!/usr/bin/env bash
# `make bench-e2e`: the whole booking pipeline (POST /bookings -> payment -> confirmation -> email) on a
# local stack started on free ports, open loop at fixed rates, with full telemetry and with every
# telemetry feature off; writes bench/E2E.md.
#   1. builds the three services twice: as usual (target/quarkus-app) and with ZingMonitor and
#      Micrometer's export switched off at build time (target/telemetry-off); OpenTelemetry's SDK is
#      switched off at run time (quarkus.otel.sdk.disabled=true);
#   2. runs bench/E2EBenchmark.java, which starts Kafka, PostgreSQL, GreenMail, Jaeger, Prometheus and
#      the services, drives the load and stops everything it started.
# Settings: BENCH_* environment variables (listed on E2EBenchmark.Settings). BENCH_QUICK=1 checks the
# harness in a few minutes (short steps, one gateway latency). BENCH_SKIP_BUILD=1 reuses earlier builds.
set -euo pipefail
source "$(dirname "$0")/harness.sh"
services="services/booking-service,services/payment-service,services/email-service"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the services with full telemetry (target/quarkus-app)..."
  # The extension's deployment module is not a Maven dependency of the services, but their build step needs it.
  "${mvn[@]}" -pl "observability-extension/kafka-broker,infra,observability-extension/deployment,$services" -am package -DskipTests
  echo "Building the services with telemetry off (target/telemetry-off)..."
  "${mvn[@]}" -pl "observability-extension/deployment,$services" -am package -DskipTests \
    -Dzingmonitor.enabled=false -Dquarkus.micrometer.binder-enabled-default=false \
    -Dquarkus.micrometer.export.prometheus.enabled=false -Dquarkus.package.output-directory=telemetry-off
fi
for service in booking-service payment-service email-service; do
  for build in quarkus-app telemetry-off; do
    jar="services/$service/target/$build/quarkus-run.jar"
    [ -f "$jar" ] || { echo "$jar is missing (run without BENCH_SKIP_BUILD)" >&2; exit 1; }
  done
done

run_harness bench-e2e "QUICK|RATES|STEP_SECONDS|SATURATION_RATE|HOT_RATE|GATEWAY_LATENCIES_MS|TELEMETRY|SUSTAINED_SECONDS|SUSTAINED_RATE|DRAIN_SECONDS|WARMUP_SECONDS|JIT_WARMUP_MAX_SECONDS|CLIENT_KEYS|EVENTS|ADMISSION_BOUND|SERVICE_JVM_OPTIONS|SCRAPE_SECONDS|OUTPUT" bench/E2EBenchmark.java
