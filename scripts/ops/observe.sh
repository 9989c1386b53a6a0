#!/usr/bin/env bash
# The observation mode of scripts/demo.sh (--observe): the sample service with the agent, a real Prometheus
# with the kit's scrape configuration and rules, a real Alertmanager, and steady traffic with a few errors.
# Ctrl-C stops what this script started, by PID. Ports: PROMETHEUS_PORT (9090), ALERTMANAGER_PORT (9093).
# Usage (demo.sh passes these): observe.sh APP_PORT SIDE_PORT AGENT_OPTION APP_JAR
set -euo pipefail
cd "$(dirname "$0")/../.."

APP_PORT="$1"
SIDE_PORT="$2"
AGENT_OPTION="$3"
APP="$4"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9093}"
KIT="$PWD/scripts/ops/prometheus"

install_missing() {
  local missing=()
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 \
    || missing+=(prometheus-alertmanager)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_missing
ALERTMANAGER="$(command -v prometheus-alertmanager || command -v alertmanager)"

WORK="$(mktemp -d -t obs-observe.XXXXXX)"
PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "== stopping (PIDs ${PIDS[*]:-none})"
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  echo "   logs and data kept in $WORK"
}
trap stop_all INT TERM EXIT

# The kit's configuration, pointed at this demo's ports, its rule files by absolute path.
sed -e "s#localhost:9464#localhost:$SIDE_PORT#" -e "s#localhost:9093#localhost:$ALERTMANAGER_PORT#" \
    -e "s#- rules/#- $KIT/rules/#" "$KIT/prometheus.yml" > "$WORK/prometheus.yml"
cat > "$WORK/alertmanager.yml" <<'YAML'
# Alerts are shown on the Alertmanager page and go nowhere else.
route:
  receiver: nowhere
  group_by: [alertname, job]
  group_wait: 10s
  group_interval: 1m
receivers:
  - name: nowhere
YAML

SERVER_PORT="$APP_PORT" java -javaagent:"$AGENT_OPTION" -jar "$APP" > "$WORK/app.log" 2>&1 &
PIDS+=($!)
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus-data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" > "$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
"$ALERTMANAGER" --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/alertmanager-data" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= > "$WORK/alertmanager.log" 2>&1 &
PIDS+=($!)

echo "== waiting for the sample service (log: $WORK/app.log)"
for _ in $(seq 120); do
  curl -fs -o /dev/null "http://localhost:$SIDE_PORT/health/ready" && break
  sleep 1
done
curl -fs -o /dev/null "http://localhost:$SIDE_PORT/health/ready" || { echo "the sample service did not become ready" >&2; exit 1; }
curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"title":"observe me"}' \
    "http://localhost:$APP_PORT/api/v1/tasks"

# About 5 requests a second: mostly 200, one in 10 a 404, one in 20 a 500 (an unsupported export format),
# enough for the availability burn-rate alerts to go pending, then fire.
(
  i=0
  while true; do
    i=$((i + 1))
    if [ $((i % 20)) -eq 0 ]; then path="/api/v1/tasks/1/export?format=bogus"
    elif [ $((i % 10)) -eq 0 ]; then path="/api/v1/tasks/999999"
    else path="/api/v1/tasks"
    fi
    curl -s -o /dev/null "http://localhost:$APP_PORT$path" || true
    sleep 0.2
  done
) &
PIDS+=($!)

# sum by (endpoint, status) (rate(http_requests_total[1m])), URL-encoded
RATE='sum%20by%20(endpoint%2C%20status)%20(rate(http_requests_total%5B1m%5D))'
cat <<INFO
== observing (Prometheus scrapes every 15 s; give it a minute)
   request rate  http://localhost:$PROMETHEUS_PORT/graph?g0.expr=$RATE&g0.tab=0&g0.range_input=15m
   alerts        http://localhost:$PROMETHEUS_PORT/alerts   (ObsAvailabilityBudgetBurnFast goes pending, then fires)
   targets       http://localhost:$PROMETHEUS_PORT/targets
   Alertmanager  http://localhost:$ALERTMANAGER_PORT/
   metrics       http://localhost:$SIDE_PORT/metrics
   Grafana: import scripts/ops/grafana/obs-agent-dashboard.json with this Prometheus as data source.
   Ctrl-C stops the service, Prometheus, Alertmanager and the traffic.
INFO
wait "${PIDS[0]}"
