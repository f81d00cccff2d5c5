#!/usr/bin/env bash
# Helm reads no file outside a chart, so the charts carry copies of the committed artifacts they embed:
# alert rules and dashboards (helm/zingtickets/files/), Alertmanager's templates and the log-pipeline
# assets (k8s/platform/files/).
# Copies rather than symlinks: a packaged or pulled chart must be whole on its own. `sync` copies the
# sources into the charts; `check` fails when a copy differs from its source or has no source left.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:-check}"
# source directory | file pattern | chart directory
mappings=(
  "monitoring/rules|*.rules.yml|helm/zingtickets/files/rules"
  "grafana-dashboards|*.json|helm/zingtickets/files/dashboards"
  "monitoring/alertmanager/templates|*.tmpl|k8s/platform/files/alertmanager"
  "monitoring/logging/fluent-bit|*|k8s/platform/files/logging/fluent-bit"
  "monitoring/logging/opensearch|*.json|k8s/platform/files/logging/opensearch"
  "monitoring/logging/opensearch-dashboards|*.ndjson|k8s/platform/files/logging/opensearch-dashboards"
)
status=0
copies=0
for mapping in "${mappings[@]}"; do
  IFS='|' read -r source pattern chart <<<"$mapping"
  declare -A sources=()
  for file in "$root/$source"/$pattern; do
    [ -f "$file" ] || continue
    sources["$(basename "$file")"]=1
    copies=$((copies + 1))
    if [ "$mode" = sync ]; then
      mkdir -p "$root/$chart"
      cp "$file" "$root/$chart/"
    elif ! cmp -s "$file" "$root/$chart/$(basename "$file")"; then
      echo "DRIFT: $chart/$(basename "$file") differs from $source/$(basename "$file") (run: infra/scripts/chart-artifacts.sh sync)"
      status=1
    fi
  done
  for copy in "$root/$chart"/$pattern; do
    [ -f "$copy" ] || continue
    if [ -z "${sources[$(basename "$copy")]:-}" ]; then
      if [ "$mode" = sync ]; then rm "$copy"; else echo "STALE: ${copy#$root/} has no source in $source/"; status=1; fi
    fi
  done
  unset sources
done
[ "$mode" = sync ] && echo "chart copies synced: $copies files"
[ "$mode" = check ] && [ $status -eq 0 ] && echo "chart copies up to date: $copies files"
exit $status
