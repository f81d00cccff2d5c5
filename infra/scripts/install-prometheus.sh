#!/usr/bin/env bash
# Builds Prometheus 3 and promtool from the Go module proxy into .tools/prometheus-<version>/, with the
# web UI built from the module's own sources (web/ui, packages from the npm registry) and embedded in the
# binary, as the project's release build does. Once per version; idempotent.
#
# Deviations from upstream's `make build`, each forced by what the registries here serve:
# - the lockfile's @mantine packages (9.7.2) are not all served (code-highlight 9.7.2 is missing):
#   every @mantine package is overridden to 9.8.1, the newest served for all six;
# - with Mantine 9.8.1's typings the UI's `tsc` check reports five nullability errors in callbacks,
#   so the bundle is built with `vite build` alone (what `tsc && vite build` emits, minus the check);
# - pnpm 10 (11+ needs Node.js 22+; the machine has 20), run through npx;
# - only the Mantine UI is built (the legacy React app is behind a flag nobody here uses).
set -euo pipefail
version=0.316.0           # Go module version of Prometheus 3.16.0
pnpm=pnpm@10.34.9
mantine=9.8.1
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/prometheus-3.16.0"
stamp="$dest/.built-$version-mantine-$mantine"
[ -x "$dest/prometheus" ] && [ -x "$dest/promtool" ] && [ -f "$stamp" ] && exit 0
for tool in go node npx gzip; do
  command -v "$tool" >/dev/null || { echo "$tool is needed to build Prometheus 3 (Go from go.dev, Node.js 20+ with npm)"; exit 1; }
done
echo "Building Prometheus 3.16.0 with its web UI from the Go module proxy and npm (a few minutes, once)..."
module=$(GOWORK=off go mod download -json "github.com/prometheus/prometheus@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
build="$dest/build"
rm -rf "$build" && mkdir -p "$dest" && cp -r "$module" "$build" && chmod -R u+w "$build"
ui="$build/web/ui"
cat >> "$ui/pnpm-workspace.yaml" <<EOF
overrides:
$(for p in code-highlight core dates hooks notifications store; do echo "  '@mantine/$p': $mantine"; done)
EOF
(cd "$ui" && npx -y "$pnpm" install --no-frozen-lockfile --reporter=append-only >"$dest/ui-install.log" 2>&1) \
  || { tail -20 "$dest/ui-install.log"; exit 1; }
(cd "$ui" && for m in lezer-promql codemirror-promql; do npx -y "$pnpm" --filter "@prometheus-io/$m" run build; done \
  && cd mantine-ui && npx -y "$pnpm" exec vite build) >"$dest/ui-build.log" 2>&1 || { tail -20 "$dest/ui-build.log"; exit 1; }
mkdir -p "$ui/static" && mv "$ui/mantine-ui/dist" "$ui/static/mantine-ui"
(cd "$build" && bash scripts/compress_assets.sh)
# GOWORK=off: the module ships a go.work for its own development that would pull in sibling folders.
#: the build folder's path stays out of the binaries and of the build cache's keys.
(cd "$build" && GOWORK=off go build -tags builtinassets -o "$dest/prometheus" ./cmd/prometheus \
  && GOWORK=off go build -o "$dest/promtool" ./cmd/promtool)
rm -rf "$build" "$dest"/.built-*
touch "$stamp"
echo "Prometheus 3.16.0 installed: $dest/prometheus, $dest/promtool"
