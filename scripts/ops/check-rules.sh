#!/usr/bin/env bash
# Checks the operations kit's Prometheus files with promtool: the configuration and rule files are valid, the
# rules' unit tests pass, every alert has a unit test that expects it firing and one that expects it quiet, and
# its runbook entry exists in README.md.
# Called by scripts/test.sh; needs promtool (Debian package prometheus).
set -euo pipefail
cd "$(dirname "$0")/prometheus"

# prometheus-kubernetes.yml is left out: Debian's Prometheus is built without Kubernetes discovery, so its
# promtool rejects kubernetes_sd_configs (the suite's OperationsKitIT reads that file instead).
promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.yml

missing=0
for alert in $(sed -n 's/^ *- alert: *//p' rules/*.yml); do
  # The line after "alertname: X" is its eval_time, then exp_alerts: [] (quiet) or a list (firing).
  quiet=$(grep -A2 -E "alertname: $alert\$" tests/*.yml | grep -c 'exp_alerts: \[\]' || true)
  firing=$(grep -A2 -E "alertname: $alert\$" tests/*.yml | grep -cE 'exp_alerts: *$' || true)
  if [ "$quiet" -eq 0 ] || [ "$firing" -eq 0 ]; then
    echo "alert $alert: $firing firing and $quiet quiet unit tests; each alert needs both" >&2
    missing=1
  fi
  # runbook_url is README.md#<name in lower case>: the README's heading of that name.
  if ! grep -q "runbook_url: \"README.md#${alert,,}\"" rules/*.yml || ! grep -qx "#### $alert" ../../../README.md; then
    echo "alert $alert: no runbook_url README.md#${alert,,} or no README heading '#### $alert'" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] && echo "every alert has unit tests firing and quiet, and a runbook entry"
exit "$missing"
