#!/usr/bin/env bash
# Helm from the Go module proxy into .tools/bin (pinned; no download site needed), stamped the way Helm's
# release build does it, so `helm version` tells the truth. Idempotent.
set -euo pipefail
version="v3.22.0"
# Helm's own build also stamps the Kubernetes version of its client libraries (k8s.io/client-go v0.37 is
# Kubernetes 1.37): the default of `helm template` and the API deprecations `helm lint` knows about.
kubernetes_major=1 kubernetes_minor=37
CGO_ENABLED=0 exec "$(dirname "$0")/build-go-module.sh" helm helm.sh/helm/v3 "$version" ./cmd/helm \
  -trimpath -ldflags "-X helm.sh/helm/v3/internal/version.version=$version \
  -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$kubernetes_major -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$kubernetes_minor \
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$kubernetes_major -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$kubernetes_minor"
