#!/usr/bin/env bash
# Builds a real Kubernetes control plane for `make test-k8s` into .tools/bin, from the Go module proxy,
# once per version (idempotent; about 5 minutes of CPU the first time):
#  - kube-apiserver and kubectl (the test's client, the same version) from the k8s.io/kubernetes module. That module points its k8s.io/* staging modules at
#    ./staging through replace directives, which a module download does not contain: the replaces are
#    dropped and the staging modules pinned to their published v0.<minor>.<patch> tags instead. The
#    version is stamped through -ldflags as Kubernetes' own build does; unstamped, the server reports
#    v0.0.0-master and Helm refuses the charts' kubeVersion.
#  - etcd from a three-line main module calling etcdmain.Main (the etcd server module refuses
#    `go install` because of its own replace directives).
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
if [ ! -x "$bin/kube-apiserver" ] || [ ! -x "$bin/kubectl" ] || [ ! -f "$bin/.kube-apiserver-$apiserver_version" ]; then
  echo "Building kube-apiserver and kubectl $apiserver_version from the Go module proxy (a few minutes, once)..."
  dir=$(go mod download -json "k8s.io/kubernetes@$apiserver_version" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  cp -r "$dir" "$work/kubernetes" && chmod -R u+w "$work/kubernetes"
  cd "$work/kubernetes"
  staging_version="v0.${apiserver_version#v1.}"
  edits=()
  for module in $(go mod edit -json | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    if r["New"]["Path"].startswith("./staging/"): print(r["Old"]["Path"])'); do
    edits+=("-dropreplace=$module" "-require=$module@$staging_version")
  done
  go mod edit "${edits[@]}"
  minor="${apiserver_version#v1.}"; minor="${minor%%.*}"
  stamp="k8s.io/component-base/version"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$bin/" -ldflags "-s -w \
    -X $stamp.gitVersion=$apiserver_version -X $stamp.gitMajor=1 -X $stamp.gitMinor=$minor \
    -X $stamp.gitTreeState=clean -X $stamp.buildDate=1970-01-01T00:00:00Z" ./cmd/kube-apiserver ./cmd/kubectl
  cd "$root"
  rm -f "$bin"/.kube-apiserver-*
  touch "$bin/.kube-apiserver-$apiserver_version"
  echo "kube-apiserver and kubectl $apiserver_version installed in $bin"
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
