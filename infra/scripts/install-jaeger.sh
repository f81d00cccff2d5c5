#!/usr/bin/env bash
# Builds Jaeger v2 (the v1.76.0 tag carries the v2 binary) from the Go module proxy into .tools/bin.
set -euo pipefail
exec "$(dirname "$0")/build-go-module.sh" jaeger github.com/jaegertracing/jaeger v1.76.0 ./cmd/jaeger
