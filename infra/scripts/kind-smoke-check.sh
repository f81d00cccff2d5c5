#!/usr/bin/env bash
# After `make kind-up images kind-load deploy`: one booking through the deployed services, then its
# evidence in each backend: Prometheus scrapes every service (up{application=...} == 1), the booking's
# log lines reach OpenSearch through Fluent Bit, and its trace reaches Jaeger. Exits non-zero when one
# is missing. Needs kubectl, curl and jq; talks to the kind cluster only (context kind-zingtickets).
set -euo pipefail
kubectl() { command kubectl --context kind-zingtickets "$@"; }
for s in booking-service payment-service email-service; do
  kubectl -n zingtickets rollout status "deployment/$s" --timeout=10m
done
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
forward() { kubectl -n "$1" port-forward "svc/$2" "$3" >/dev/null 2>&1 & pids+=($!); }
forward zingtickets booking-service 18081:8080
forward monitoring kube-prometheus-stack-prometheus 19090:9090
forward logging opensearch-cluster-master 19200:9200
forward observability jaeger 26686:16686
sleep 5

# The booking joins a trace this script starts (W3C traceparent), so its id is known in advance.
trace_id=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
parent_id=$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
curl -fsS localhost:18081/bookings -H 'Content-Type: application/json' -H "traceparent: 00-$trace_id-$parent_id-01" \
  -d '{"eventId":1,"seats":2,"buyerEmail":"ada@example.com","card":{"number":"4242424242424242","expiry":"12/30","cvc":"123"}}'
echo
echo "booking traced as $trace_id"

retry() { # description, command...
  local what="$1"; shift
  for _ in $(seq 60); do "$@" && { echo "ok: $what"; return; }; sleep 5; done
  echo "FAILED: $what"; exit 1
}
up() { curl -fsS localhost:19090/api/v1/query --data-urlencode "query=up{application=\"$1\"} == 1" \
  | jq -e '.data.result | length > 0' >/dev/null; }
for s in booking-service payment-service email-service; do retry "Prometheus scrapes $s" up "$s"; done
logged() { curl -fsS "localhost:19200/zingtickets-logs/_search?q=trace.id:$trace_id" | jq -e '.hits.total.value > 0' >/dev/null; }
retry "the booking's log lines are in OpenSearch" logged
traced() { curl -fsS "localhost:26686/api/traces/$trace_id" | jq -e '.data[0].spans | length > 1' >/dev/null; }
retry "the booking's trace is in Jaeger" traced
