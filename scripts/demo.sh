#!/usr/bin/env bash
# Runs the sample task service with obs-agent attached, building whatever is missing first.
# The application's own log lines come out as JSON carrying the request ID (app_logs.json=true) and
# its business metrics come from sample-app/obs.properties. Stop with Ctrl-C.
#
#   scripts/demo.sh --observe   also starts a real Prometheus and Alertmanager (Debian packages prometheus and
#                               prometheus-alertmanager, installed when missing) with the operations kit's scrape
#                               configuration and rules (scripts/ops/prometheus), sends steady traffic with a few
#                               errors, and prints the URLs to open. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT="${SERVER_PORT:-8080}"
SIDE_PORT="${OBS_SERVER_PORT:-9464}"
AGENT=agent/target/obs-agent.jar
APP=sample-app/target/sample-app.jar

if [ ! -f "$AGENT" ] || [ ! -f "$APP" ]; then
  echo "== building the agent and the sample service"
  mvn -B -q -ntp -DskipTests -pl agent,sample-app -am package
fi

AGENT_ARGS="service.name=task-api,server.port=$SIDE_PORT,app_logs.json=true"
if [ -f sample-app/obs.properties ]; then
  AGENT_ARGS="$AGENT_ARGS,config.file=sample-app/obs.properties"
fi

cat <<INFO
== obs-agent demo
   task API   http://localhost:$APP_PORT/api/v1/tasks
   metrics    http://localhost:$SIDE_PORT/metrics
   liveness   http://localhost:$SIDE_PORT/health/live
   readiness  http://localhost:$SIDE_PORT/health/ready
   try:  curl -i -X POST -H 'Content-Type: application/json' -d '{"title":"write docs"}' http://localhost:$APP_PORT/api/v1/tasks
INFO

if [ "${1:-}" = "--observe" ]; then
  exec scripts/ops/observe.sh "$APP_PORT" "$SIDE_PORT" "$AGENT=$AGENT_ARGS" "$APP"
fi

exec env SERVER_PORT="$APP_PORT" java -javaagent:"$AGENT=$AGENT_ARGS" -jar "$APP"
