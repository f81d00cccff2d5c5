#!/usr/bin/env bash
# Builds a real Kubernetes control plane for `make test-k8s` into .tools/bin, from the Go module proxy,
# once per version (idempotent; about 5 minutes of CPU the first time):
#  - kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (the test's client) from the
#    k8s.io/kubernetes module. That module points its k8s.io/* staging modules at
#    ./staging through replace directives, which a module download does not contain: the replaces are
#    dropped and the staging modules pinned to their published v0.<minor>.<patch> tags instead. The
#    version is stamped through -ldflags as Kubernetes' own build does; unstamped, the server reports
#    v0.0.0-master and Helm refuses the charts' kubeVersion.
#  - etcd from a three-line main module calling etcdmain.Main (the etcd server module refuses
#    `go install` because of its own replace directives);
#  - the Prometheus Operator (the version whose CRDs the charts are validated against), whose module
#    likewise replaces its pkg/client and pkg/apis/monitoring modules with directories. The
#    configuration it generates is checked with the promtool `make tools` builds (Prometheus 3.16).
set -euo pipefail
# k8s.io/kubernetes ships a go.work naming its ./staging directories: build as a plain module.
export GOWORK=off
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/k8s/versions.env"
bin="$root/.tools/bin"
mkdir -p "$bin"
command -v go >/dev/null || { echo "Go is needed to build kube-apiserver and etcd (go.dev)"; exit 1; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

apiserver_version="v$APISERVER_KUBERNETES_VERSION"
control_plane=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
missing=""; for b in "${control_plane[@]}"; do [ -x "$bin/$b" ] || missing=1; done
if [ -n "$missing" ] || [ ! -f "$bin/.kube-apiserver-$apiserver_version" ]; then
  echo "Building ${control_plane[*]} $apiserver_version from the Go module proxy (a few minutes, once)..."
  "$root/infra/scripts/module-without-local-replaces.sh" k8s.io/kubernetes "$apiserver_version" "$work/kubernetes" \
    "v0.${apiserver_version#v1.}"
  cd "$work/kubernetes"
  minor="${apiserver_version#v1.}"; minor="${minor%%.*}"
  stamp="k8s.io/component-base/version"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$bin/" -ldflags "-s -w \
    -X $stamp.gitVersion=$apiserver_version -X $stamp.gitMajor=1 -X $stamp.gitMinor=$minor \
    -X $stamp.gitTreeState=clean -X $stamp.buildDate=1970-01-01T00:00:00Z" "${control_plane[@]/#/./cmd/}"
  cd "$root"
  rm -f "$bin"/.kube-apiserver-*
  touch "$bin/.kube-apiserver-$apiserver_version"
  echo "${control_plane[*]} $apiserver_version installed in $bin"
fi

if [ ! -x "$bin/etcd" ] || [ ! -f "$bin/.etcd-$ETCD_VERSION" ]; then
  echo "Building etcd $ETCD_VERSION from the Go module proxy (a minute or two, once)..."
  mkdir -p "$work/etcd" && cd "$work/etcd"
  go mod init zingtickets.test/etcd >/dev/null 2>&1
  cat > main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1
  go mod tidy >/dev/null 2>&1
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin/etcd" .
  cd "$root"
  rm -f "$bin"/.etcd-*
  touch "$bin/.etcd-$ETCD_VERSION"
  echo "etcd $ETCD_VERSION installed: $bin/etcd"
fi

if [ ! -x "$bin/prometheus-operator" ] || [ ! -f "$bin/.prometheus-operator-$PROMETHEUS_OPERATOR_VERSION" ]; then
  echo "Building the Prometheus Operator $PROMETHEUS_OPERATOR_VERSION from the Go module proxy (a few minutes, once)..."
  "$root/infra/scripts/module-without-local-replaces.sh" github.com/prometheus-operator/prometheus-operator \
    "$PROMETHEUS_OPERATOR_VERSION" "$work/prometheus-operator" "$PROMETHEUS_OPERATOR_VERSION"
  cd "$work/prometheus-operator"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin/prometheus-operator" ./cmd/operator
  cd "$root"
  rm -f "$bin"/.prometheus-operator-*
  touch "$bin/.prometheus-operator-$PROMETHEUS_OPERATOR_VERSION"
  echo "prometheus-operator $PROMETHEUS_OPERATOR_VERSION installed: $bin/prometheus-operator"
fi

# Simulated nodes: kwok plays the kubelet, so pods get Ready and Jobs' pods complete without containers.
# Its behaviour is configured by Stages; the "fast" ones of its own module: nodes Ready at once, pods
# Running and Ready, Job pods Succeeded, deleted pods gone.
CGO_ENABLED=0 "$root/infra/scripts/build-go-module.sh" kwok sigs.k8s.io/kwok "$KWOK_VERSION" ./cmd/kwok \
  -trimpath -ldflags "-s -w"
stages="$root/.tools/kwok-stages.yaml"
if [ ! -f "$stages" ] || ! head -1 "$stages" | grep -q "kwok $KWOK_VERSION"; then
  dir=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  { echo "# Stages of kwok $KWOK_VERSION (kustomize/stage/{node,pod}/fast and node/heartbeat of its module)"
    for f in node/fast/node-initialize node/heartbeat/node-heartbeat pod/fast/pod-ready pod/fast/pod-complete \
             pod/fast/pod-delete; do echo "---"; cat "$dir/kustomize/stage/$f.yaml"; done; } > "$stages.new"
  mv "$stages.new" "$stages"
fi
