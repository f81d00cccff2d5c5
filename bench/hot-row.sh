#!/usr/bin/env bash
# `make bench-hot-row`: is the seat reservation on one event row a ceiling? booking-service's reservation
# transaction from its pool's worth of connections against a real PostgreSQL, on one event row vs. spread
# over many; checks that a sell-out from every connection at once sells exactly the capacity. Writes
# bench/HOT-ROW.md (about a minute). Settings: BENCH_HOTROW_* (listed on HotRowBenchmark).
set -euo pipefail
source "$(dirname "$0")/harness.sh"
"${mvn[@]}" -pl infra -am package -DskipTests
run_harness bench-hot-row "HOTROW_CONNECTIONS|HOTROW_SECONDS|HOTROW_EVENTS|OUTPUT" bench/HotRowBenchmark.java
