#!/usr/bin/env bash
# Helm from the Go module proxy into .tools/bin (pinned; no download site needed). The version is stamped
# the way Helm's release build does it, so `helm version` tells the truth. Idempotent.
set -euo pipefail
version="v3.22.0"
CGO_ENABLED=0 exec "$(dirname "$0")/build-go-module.sh" helm helm.sh/helm/v3 "$version" ./cmd/helm \
  -trimpath -ldflags "-X helm.sh/helm/v3/internal/version.version=$version"
