#!/usr/bin/env bash
# Builds Jaeger v2 (the v1.76.0 tag carries the v2 binary) from the Go module proxy into .tools/bin.
# `go install pkg@version` refuses modules with replace directives, so the module is downloaded and
# built from its own directory, where its go.mod (replaces included) applies. Idempotent.
set -euo pipefail
version="v1.76.0"
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.tools/bin/jaeger"
stamp="$root/.tools/bin/.jaeger-$version"
[ -x "$bin" ] && [ -f "$stamp" ] && exit 0
command -v go >/dev/null || { echo "Go is needed to build Jaeger (apt-get install golang-go, or go.dev)"; exit 1; }
mkdir -p "$root/.tools/bin"
echo "Building Jaeger $version from the Go module proxy (a few minutes, once)..."
dir=$(go mod download -json "github.com/jaegertracing/jaeger@$version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
(cd "$dir" && GOFLAGS= go build -o "$bin" ./cmd/jaeger)
touch "$stamp"
echo "Jaeger installed: $bin"
