#!/usr/bin/env bash
# Builds everything and runs every test: unit tests, the agent jar checks, the integration tests on
# JDK 17 (real JVMs with -javaagent, real HTTP), the cross-JDK subset of them again on JDK 25 when it
# is installed, and one quick round of the benchmark script to prove it still works.
# Installs what it needs first (Debian packages: promtool/prometheus for exposition and scrape tests,
# wrk for the benchmark). Run from anywhere; CI runs it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25=/usr/lib/jvm/temurin-25-jdk-amd64

install_packages() {
  local missing=()
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    if command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "apt-get not available; tests needing ${missing[*]} will fail" >&2
    fi
  fi
}

install_packages

echo "== operations kit: promtool check and test rules"
scripts/ops/check-rules.sh

echo "== mvn verify (JDK 17)"
mvn -B -ntp verify

if [ -x "$JDK25/bin/java" ]; then
  # The JDK 17 pass already starts every test app on JDK 25 once (Jdk25RequestInstrumentationIT); this pass
  # repeats the classes tagged cross-jdk (requests on the sample and every test app, the side server) with
  # every app JVM on JDK 25, and keeps the whole run near 15 minutes on 2 cores.
  echo "== integration tests tagged cross-jdk, apps on JDK 25"
  mvn -B -ntp -f integration-tests/pom.xml verify -Dit.java.home="$JDK25" -Dgroups=cross-jdk
fi

echo "== benchmark script, one quick round"
scripts/bench.sh --quick

echo "== all tests passed"
