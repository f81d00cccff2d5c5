#!/usr/bin/env bash
# Type-checks every committed Grafana dashboard against Grafana's own published dashboard model
# (@grafana/schema, the types Grafana's front end is built from), with the TypeScript compiler in strict
# mode: a misspelled field, a wrong type or a missing required field fails. Grafana cannot run here, and
# Grafana's dashboard-linter cannot be installed (the Go module proxy refuses it), so this stands in for
# opening the dashboards. Before trusting a green run, the check proves it can fail: a copy of a dashboard
# with one misspelled panel field must be rejected.
# Tools go to .tools/dashboard-schema (npm ci from the committed lock file; idempotent).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
spec="$root/infra/dashboard-schema"
work="$root/.tools/dashboard-schema"
mkdir -p "$work"
if ! cmp -s "$spec/package-lock.json" "$work/package-lock.json" || [ ! -x "$work/node_modules/.bin/tsc" ]; then
  cp "$spec/package.json" "$spec/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi

checks="$work/checks"
rm -rf "$checks"
mkdir -p "$checks/valid" "$checks/broken"
cat >"$work/tsconfig.base.json" <<'EOF'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext",
                       "target": "es2022", "skipLibCheck": true } }
EOF
wrap() { # dashboard.json -> a TypeScript module assigning it to Grafana's Dashboard type
  echo "import type { Dashboard } from '@grafana/schema/dist/esm/raw/dashboard/x/Dashboard_types.gen';"
  echo -n "export const dashboard: Dashboard = "
  cat "$1"
  echo ";"
}
dashboards=("$root"/grafana-dashboards/*.json)
for f in "${dashboards[@]}"; do
  wrap "$f" >"$checks/valid/$(basename "$f" .json).ts"
done
# The negative control: the first dashboard with its first panel's gridPos misspelled.
wrap "${dashboards[0]}" | sed '0,/"gridPos"/s//"gridPosition"/' >"$checks/broken/misspelled.ts"
for dir in valid broken; do
  echo "{ \"extends\": \"../../tsconfig.base.json\", \"include\": [\"*.ts\"] }" >"$checks/$dir/tsconfig.json"
done

tsc="$work/node_modules/.bin/tsc"
if "$tsc" -p "$checks/broken" >"$checks/broken.out" 2>&1 || ! grep -q "gridPosition" "$checks/broken.out"; then
  echo "dashboard schema check is broken: a misspelled panel field was not rejected" >&2
  cat "$checks/broken.out" >&2
  exit 1
fi
if ! "$tsc" -p "$checks/valid"; then
  echo "dashboards do not match Grafana's dashboard schema (@grafana/schema $(node -p "require('$work/node_modules/@grafana/schema/package.json').version"))" >&2
  exit 1
fi
echo "dashboard schema ok: ${#dashboards[@]} dashboards match @grafana/schema $(node -p "require('$work/node_modules/@grafana/schema/package.json').version")"
