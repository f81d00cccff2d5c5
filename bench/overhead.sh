#!/usr/bin/env bash
# `make bench-overhead`: booking-service with ZingMonitor, with ZingMonitor disabled, and with the
# OpenTelemetry Java agent instead, measured in one run; writes bench/RESULTS.md.
#   1. builds booking-service twice: as usual (target/quarkus-app) and with -Dzingmonitor.enabled=false,
#      a build-time switch, into target/zingmonitor-disabled;
#   2. fetches the pinned agent from Maven Central into .tools/ (once) and checks wrk is unpacked;
#   3. runs bench/OverheadBenchmark.java, which starts Kafka, PostgreSQL and the service itself.
# Settings: BENCH_* environment variables (rounds, durations, connections, rate, JFR profiles; listed on
# OverheadBenchmark.Settings).
# BENCH_SKIP_BUILD=1 reuses the two builds of an earlier run.
set -euo pipefail
source "$(dirname "$0")/harness.sh"

agent_version=2.33.1
agent_dir=".tools/otel-javaagent-$agent_version"
agent_jar="$agent_dir/opentelemetry-javaagent.jar"
wrk=".tools/debian/usr/bin/wrk"
service="services/booking-service"
# The extension's deployment module is not a Maven dependency of the service, but its build step needs it.
modules="observability-extension/kafka-broker,infra,observability-extension/deployment,$service"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building booking-service with ZingMonitor (target/quarkus-app)..."
  "${mvn[@]}" -pl "$modules" -am package -DskipTests
  echo "Building booking-service with -Dzingmonitor.enabled=false (target/zingmonitor-disabled)..."
  "${mvn[@]}" -pl "observability-extension/deployment,$service" -am package -DskipTests \
    -Dzingmonitor.enabled=false -Dquarkus.package.output-directory=zingmonitor-disabled
fi
for jar in "$service/target/quarkus-app/quarkus-run.jar" "$service/target/zingmonitor-disabled/quarkus-run.jar"; do
  [ -f "$jar" ] || { echo "$jar is missing (run without BENCH_SKIP_BUILD)" >&2; exit 1; }
done

if [ ! -f "$agent_jar" ]; then
  echo "Fetching opentelemetry-javaagent $agent_version from Maven Central..."
  "${mvn[@]}" -N dependency:copy -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$agent_version" \
    -DoutputDirectory="$agent_dir" -Dmdep.stripVersion=true
fi
[ -x "$wrk" ] || { echo "$wrk is missing: run make tools" >&2; exit 1; }

export BENCH_ENABLED_JAR="$root/$service/target/quarkus-app/quarkus-run.jar"
export BENCH_DISABLED_JAR="$root/$service/target/zingmonitor-disabled/quarkus-run.jar"
export BENCH_AGENT_JAR="$root/$agent_jar" BENCH_AGENT_VERSION="$agent_version"
export BENCH_WRK="$root/$wrk" BENCH_WRK_LIBRARIES="$root/.tools/debian/usr/lib/x86_64-linux-gnu"
# BENCH_LOAD=0 is `make bench-startup`: start-up only, reported in bench/STARTUP.md.
target=bench-overhead
[ "${BENCH_LOAD:-1}" = 0 ] && target=bench-startup
run_harness "$target" "ROUNDS|WARMUP_SECONDS|SATURATION_SECONDS|FIXED_RATE_SECONDS|SATURATION_CONNECTIONS|FIXED_RATE_CONNECTIONS|FIXED_RATE|WRK_THREADS|SCRAPE_SECONDS|JVM_OPTIONS|MODES|JFR|OUTPUT" bench/OverheadBenchmark.java
