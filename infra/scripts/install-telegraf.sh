#!/usr/bin/env bash
# Builds the local log shipper, Telegraf, from the Go module proxy into .tools/bin, with only the
# plugins the log pipeline uses (tail input, value parser, OpenSearch output; its own health through
# the internal input and the Prometheus client output, for the log-shipping alerts): `make run` and the
# logging tests tail the services' JSON log files with it into OpenSearch.
# Why Telegraf and not an OpenTelemetry Collector: the Collector's OpenSearch and Elasticsearch
# exporters are not served by the module proxy here (403 for every version), and Fluent Bit is in none
# of the registries this project may use; Telegraf is a maintained shipper with a native OpenSearch output.
# 1.39 at least: its OpenSearch output is the first to report an unreachable OpenSearch at start-up as
# an error to retry, which startup_error_behavior = "retry" (telegraf.conf) needs; 1.37 exits after 15 s.
set -euo pipefail
version="v1.39.3"
exec "$(dirname "$0")/build-go-module.sh" telegraf github.com/influxdata/telegraf "$version" ./cmd/telegraf \
    -tags "custom,inputs.tail,inputs.internal,parsers.value,outputs.opensearch,outputs.prometheus_client" \
    -ldflags "-X github.com/influxdata/telegraf/internal.Version=${version#v}"
