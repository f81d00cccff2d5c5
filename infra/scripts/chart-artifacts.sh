#!/usr/bin/env bash
# Helm reads no file outside a chart, so the charts carry copies of the committed artifacts they embed:
# alert rules and dashboards (helm/zingtickets/files/), Alertmanager's templates, the log-pipeline
# assets and the infrastructure's alert rules (k8s/platform/files/).
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
  "monitoring/rules/infrastructure|*.rules.yml|k8s/platform/files/rules"
  "monitoring/logging/fluent-bit|*|k8s/platform/files/logging/fluent-bit"
  "monitoring/logging/opensearch|*.json|k8s/platform/files/logging/opensearch"
  "monitoring/logging/opensearch-dashboards|*.ndjson|k8s/platform/files/logging/opensearch-dashboards"
)
source "$root/infra/scripts/copies.sh"
for mapping in "${mappings[@]}"; do
  IFS='|' read -r source pattern chart <<<"$mapping"
  declare -A sources=()
  for file in "$root/$source"/$pattern; do
    [ -f "$file" ] || continue
    sources["$(basename "$file")"]=1
    copy_or_compare "$file" "$root/$chart/$(basename "$file")" "infra/scripts/chart-artifacts.sh sync"
  done
  for copy in "$root/$chart"/$pattern; do
    [ -f "$copy" ] || continue
    [ -n "${sources[$(basename "$copy")]:-}" ] || no_source "$copy" "has no source in $source/"
  done
  unset sources
done
finish "chart copies"
