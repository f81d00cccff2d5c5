#!/usr/bin/env bash
# Creates the Secrets the charts reference, with random values, once (idempotent: existing Secrets are
# kept, so a redeploy never rotates a key under running pods). No credential is ever written to a file.
set -euo pipefail
# The Makefile passes the kind cluster's context; never whatever context happens to be current.
kubectl() { command kubectl --context "${KUBE_CONTEXT:?KUBE_CONTEXT names the cluster, e.g. kind-zingtickets}" "$@"; }
random() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }
ensure_secret() { # namespace name key=value...
  local namespace="$1" name="$2"; shift 2
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret $namespace/$name exists, kept"
    return
  fi
  local args=()
  for pair in "$@"; do args+=("--from-literal=$pair"); done
  kubectl -n "$namespace" create secret generic "$name" "${args[@]}" >/dev/null
  echo "secret $namespace/$name created"
}
# PostgreSQL's superuser and the services' database user are one user on kind; both Secrets hold the
# same password, read back from the first when it already exists.
if kubectl -n data get secret postgresql-credentials >/dev/null 2>&1; then
  db_password=$(kubectl -n data get secret postgresql-credentials -o jsonpath='{.data.password}' | base64 -d)
else
  db_password=$(random)
fi
ensure_secret data postgresql-credentials username=zingtickets "password=$db_password"
ensure_secret zingtickets zingtickets-postgresql username=zingtickets "password=$db_password"
ensure_secret zingtickets zingtickets-card-token "token-key=$(random)"
ensure_secret zingtickets zingtickets-client-hash "salt=$(random)"
ensure_secret zingtickets zingtickets-operator "password=$(random)"
