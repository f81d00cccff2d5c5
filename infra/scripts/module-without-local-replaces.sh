#!/usr/bin/env bash
# Copies a module from the Go module proxy into a writable directory and points each replace directive
# that names a directory inside the module (./staging/..., ./pkg/client) at that module's published
# version instead: a module download holds no nested modules, so those replaces cannot be satisfied.
# Usage: module-without-local-replaces.sh <module> <version> <destination> <version of the nested modules>
set -euo pipefail
module="$1" version="$2" destination="$3" nested_version="$4"
export GOWORK=off
dir=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
cp -r "$dir" "$destination" && chmod -R u+w "$destination"
cd "$destination"
edits=()
for nested in $(go mod edit -json | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    if r["New"]["Path"].startswith("./"): print(r["Old"]["Path"])'); do
  edits+=("-dropreplace=$nested" "-require=$nested@$nested_version")
done
[ ${#edits[@]} -eq 0 ] || go mod edit "${edits[@]}"
