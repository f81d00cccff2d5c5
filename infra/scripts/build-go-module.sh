#!/usr/bin/env bash
# Builds one command of a Go module fetched from the Go module proxy into .tools/bin, once per version.
# `go install pkg@version` refuses modules with replace directives, so the module is downloaded and
# built from its own directory, where its go.mod (replaces included) applies; -mod=mod
# lets the build record go.sum entries a module's own go.sum lacks for the chosen build tags (Telegraf).
# Usage: build-go-module.sh <name> <module> <version> <package> [go build flags...]
set -euo pipefail
name="$1" module="$2" version="$3" package="$4"
shift 4
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.tools/bin/$name"
# The build flags are part of the stamp: changing them rebuilds.
# md5sum on Linux, md5 on macOS: the same digest, so a .tools/ stamped on either stays valid.
digest() { if command -v md5sum >/dev/null; then md5sum; else md5 -q; fi | cut -c1-8; }
stamp="$root/.tools/bin/.$name-$version-$(echo "$*" | digest)"
[ -x "$bin" ] && [ -f "$stamp" ] && exit 0
command -v go >/dev/null || { echo "Go is needed to build $name (apt-get install golang-go, or go.dev)"; exit 1; }
mkdir -p "$root/.tools/bin"
echo "Building $name $version from the Go module proxy (a few minutes, once)..."
dir=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
(cd "$dir" && GOFLAGS=-mod=mod go build "$@" -o "$bin" "$package")
rm -f "$root/.tools/bin/.$name-"*
touch "$stamp"
echo "$name $version installed: $bin"
