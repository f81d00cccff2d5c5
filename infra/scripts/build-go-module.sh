#!/usr/bin/env bash
# Builds one command of a Go module from the Go module proxy into .tools/bin, once per version:
#   build-go-module.sh <module> <version> <package dir in the module> <binary name> [go build args...]
# `go install pkg@version` refuses modules with replace directives, so the module is downloaded and
# built from its own directory, where its go.mod (replaces included) applies. Idempotent.
set -euo pipefail
module="$1" version="$2" package="$3" name="$4"
shift 4
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.tools/bin/$name"
stamp="$root/.tools/bin/.$name-$version"
[ -x "$bin" ] && [ -f "$stamp" ] && exit 0
command -v go >/dev/null || { echo "Go is needed to build $name (apt-get install golang-go, or go.dev)"; exit 1; }
mkdir -p "$root/.tools/bin"
echo "Building $name $version from the Go module proxy (a few minutes, once)..."
dir=$(go mod download -json "$module@$version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
(cd "$dir" && GOFLAGS=-mod=mod go build "$@" -o "$bin" "$package")
touch "$stamp"
echo "$name installed: $bin"
