#!/usr/bin/env bash
# ---------------------------------------------------------------------------------------------------------
# bench.sh — what obs-agent costs a service, next to no agent and next to the OpenTelemetry Java agent.
#
# It runs the sample task API (sample-app) in four configurations, interleaved A B D C A B D C ... so that
# drift of a shared machine (other builds, thermal, noisy neighbours) hits all of them alike:
#   A  no agent
#   B  obs-agent with its defaults (only server.port moved to a free port so runs cannot collide)
#   D  obs-agent with the access log off (access_log.enabled=false): what the access event costs is B - D
#   C  OpenTelemetry Java agent, metrics only, exported as Prometheus
# All of them use the same JDK and the same JVM flags: -Xmx256m -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0.
# The GC is named explicitly so the JVM's ergonomics (which pick Serial or G1 from the CPU count) cannot
# differ between runs or machines. MarkSweepDeadRatio=0 makes the full GC before the heap reading compact
# everything: at its default (5 %) Serial leaves dead objects in place as int[] fillers, which the heap's
# "used" counts (1.8 MB more of them with the agent, whose old generation is larger). Nothing is pinned to
# CPUs: the service, wrk and the poller share the machine's cores.
#
# For each run it measures:
#   start-up         JVM launch -> first HTTP 200 of GET /api/v1/tasks, polled every 10 ms by a small Java
#                    program (scripts/bench/StartupPoll.java) started and warmed before the launch. A curl
#                    loop was measured and rejected: ~13 ms CPU per attempt (half a core) and a ~24 ms real
#                    period, against ~0.7 ms and 10.6 ms for the Java poller (details in its comment).
#   list (fast)      after a warm-up on it, wrk against GET /api/v1/tasks with one task stored: the sample's
#                    fastest endpoint (~70 µs of CPU), where a fixed per-request cost of an agent shows most
#   GET by id        after a warm-up with the mix, wrk against GET /api/v1/tasks/{id}: requests/s, p50, p99
#   mix              wrk, 80 % GET by id / 20 % POST create (scripts/bench/load.lua): requests/s, p50, p99
#   CPU per request  the service's utime+stime (/proc/PID/stat) over a load window / requests wrk completed
#   RSS after load   VmRSS of the service right after the load
#   heap after GC    jcmd GC.run, then the "used" of the heap generations in jcmd GC.heap_info
# and once: the size of the two agent jars.
#
# How to read it: every figure is the median over the rounds (default 5) of one configuration; the B/A
# and C/A columns divide by the no-agent median (for throughput a ratio below 1 means slower, for
# everything else a ratio above 1 means more cost). There are no thresholds: the script passes or fails
# only on whether it could measure. On a 2-core machine wrk competes with the service for CPU, so absolute
# requests/s are low and depend on what else runs; compare columns of the same run, and look at the
# per-run rows in runs.csv before trusting a small difference. Its column busy_before_pct is how busy the
# machine's CPUs were during the idle second before each run (none of this script's processes running):
# anything well above 0 means another job was competing.
# A non-zero error count from wrk is reported under the table.
#
# Output: target/bench/results.md (table, date, JDK, CPUs, command line), target/bench/runs.csv (every
# run), target/bench/logs/ (service stdout/stderr, wrk reports, poller output).
#
# --startup runs only start-up, A and B interleaved (default 5 rounds): launch -> first 200 and, at that moment, the
# CPU time of each thread of the service (/proc/PID/task/*/stat: main, JIT compiler threads, the agent's start
# thread, GC/VM, the rest); then one diagnostic run of each with -Xlog:class+load and -XX:+PrintCompilation
# (classes loaded and methods compiled, in total and of the agent) and, for B, the agent's own phases
# (its agent_startup event at log.level=debug). Output: target/bench/startup.md.
#
# --jmh runs only the JMH microbenchmarks of the agent's per-request path instead (agent/src/test/java/
# io/obsagent/bench): ns/op and, with -prof gc, bytes allocated per op; output in target/bench/jmh.txt.
#
# Usage: scripts/bench.sh [--rounds N] [--quick] [--warmup SECONDS] [--duration SECONDS] | --startup [--rounds N] | --jmh
# ---------------------------------------------------------------------------------------------------------
set -euo pipefail
shopt -s inherit_errexit   # a failure inside $(...) fails the assignment too
export LC_ALL=C   # decimal points in $EPOCHREALTIME, awk and printf

# ---- fixed settings ---------------------------------------------------------------------------------------
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"   # the script lives in REPO_ROOT/scripts
readonly REPO_ROOT
readonly BENCH_DIR="target/bench"
readonly LOG_DIR="$BENCH_DIR/logs"
readonly CLASSES_DIR="$BENCH_DIR/classes"
readonly RESULTS_MD="$BENCH_DIR/results.md"
readonly RUNS_CSV="$BENCH_DIR/runs.csv"
readonly OBS_AGENT_JAR="agent/target/obs-agent.jar"
readonly SAMPLE_APP_JAR="sample-app/target/sample-app.jar"
# --startup --app large: the integration tests' Spring MVC + Data JPA app (about 17 000 classes loaded to its first 200).
readonly LARGE_APP_JAR="integration-tests/test-apps/boot3-jpa/target/boot3-jpa.jar"
readonly LUA_SCRIPT="scripts/bench/load.lua"
readonly POLL_SOURCE="scripts/bench/StartupPoll.java"

# OpenTelemetry agent: the pinned version first, then nearby ones should it not resolve.
readonly OTEL_VERSIONS=(2.22.0 2.21.0 2.23.0 2.20.1)

readonly JVM_FLAGS=(-Xmx256m -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0)
readonly WRK_THREADS=2
readonly WRK_CONNECTIONS=16
readonly MIX_POST_PERCENT=20
readonly STARTUP_TIMEOUT_S=180
readonly CONFIGS=(A B D C)

# ---- options (see usage) ----------------------------------------------------------------------------------
rounds=5
warmup_s=10
load_s=20
quick=false
jmh=false
startup=false
APP_JAR=$SAMPLE_APP_JAR   # the service started: the sample app but for --startup --app large
READY_PATH=/api/v1/tasks  # what start-up waits for a 200 of
COMMAND_LINE="$(printf '%q ' "$0" "$@")"
readonly COMMAND_LINE="${COMMAND_LINE% }"

# ---- state ------------------------------------------------------------------------------------------------
TRACKED_PIDS=()      # every background process this script started and has not yet reaped
JAVA="" JCMD="" JAVAC=""
OTEL_JAR="" OTEL_VERSION=""
SERVICE_PID=""       # the service of the current run
RUN_NAME=""          # the current run's file name stem under logs/, e.g. r2-B (r2-B-retry1 when repeated)
RUN_LOST=""          # why the current run was lost to an outside kill ("" = not lost)
LOST_RUNS=0          # runs repeated because of that

usage() {
    cat <<EOF
Usage: scripts/bench.sh [--rounds N] [--quick] [--warmup SECONDS] [--duration SECONDS]
       scripts/bench.sh --startup [--rounds N] [--app sample|large]
       scripts/bench.sh --jmh

Benchmarks sample-app with no agent (A), with obs-agent at its defaults (B) and with its access log off (D), and
with the OpenTelemetry agent metrics-only (C), interleaved, and writes medians and ratios to
target/bench/results.md (every run: target/bench/runs.csv).

  --rounds N          runs per configuration (default 5); figures are medians over them
  --warmup SECONDS    wrk warm-up before measuring (default 10)
  --duration SECONDS  length of each of the three measured wrk loads (default 20)
  --quick             one round, 3 s warm-up, 5 s loads: proves the script works, figures are rough
  --startup           only start-up of A and B: time, CPU per thread, classes loaded, JIT compilations and the
                      agent's own phases (target/bench/startup.md)
  --app large         with --startup: the larger Spring Boot app of the integration tests (MVC, Data JPA with
                      Hibernate, Actuator; ~17 000 classes) instead of the sample app; built when missing
  --jmh               only the JMH microbenchmarks of the agent's per-request path (target/bench/jmh.txt)
  -h, --help          this text

Uses \$JAVA_HOME/bin/java when JAVA_HOME is set, else the java on PATH; jcmd and javac from the same JDK.
EOF
}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

parse_args() {
    while (($# > 0)); do
        case "$1" in
            --rounds)   [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive integer"; rounds=$2; shift 2 ;;
            --warmup)   [[ ${2:-} =~ ^[0-9]+$ ]] || die "--warmup needs seconds"; warmup_s=$2; shift 2 ;;
            --duration) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--duration needs seconds"; load_s=$2; shift 2 ;;
            --quick)    quick=true; shift ;;
            --jmh)      jmh=true; shift ;;
            --startup)  startup=true; shift ;;
            --app)      case ${2:-} in
                            sample) APP_JAR=$SAMPLE_APP_JAR READY_PATH=/api/v1/tasks ;;
                            large)  APP_JAR=$LARGE_APP_JAR READY_PATH=/books ;;
                            *)      die "--app needs sample or large" ;;
                        esac
                        shift 2 ;;
            -h|--help)  usage; exit 0 ;;
            *)          usage >&2; die "unknown argument: $1" ;;
        esac
    done
    if $quick; then
        rounds=1 warmup_s=3 load_s=5
    fi
    [[ $APP_JAR == "$SAMPLE_APP_JAR" ]] || $startup || die "--app large goes with --startup only"
}

# ---- process bookkeeping: everything started is killed on exit --------------------------------------------
track_pid() { TRACKED_PIDS+=("$1"); }

untrack_pid() {
    local keep=() pid
    for pid in "${TRACKED_PIDS[@]}"; do
        [[ $pid == "$1" ]] || keep+=("$pid")
    done
    TRACKED_PIDS=("${keep[@]}")
}

# Sends TERM, waits up to $2 seconds, then KILL; reaps the process. Only ever by PID.
stop_process() {
    local pid=$1 grace_s=${2:-10} waited=0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && ((waited < grace_s * 10)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    untrack_pid "$pid"
}

cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    for pid in "${TRACKED_PIDS[@]}"; do
        stop_process "$pid" 5
    done
    exit "$status"
}

# ---- set-up ------------------------------------------------------------------------------------------------
resolve_jdk() {
    if [[ -n ${JAVA_HOME:-} ]]; then
        JAVA="$JAVA_HOME/bin/java"
    else
        JAVA="$(command -v java)" || die "no java on PATH and JAVA_HOME unset"
    fi
    local jdk_bin
    jdk_bin="$(dirname "$(readlink -f "$JAVA")")"
    JCMD="$jdk_bin/jcmd"
    JAVAC="$jdk_bin/javac"
    [[ -x $JAVA && -x $JCMD && -x $JAVAC ]] || die "need java, jcmd and javac in $jdk_bin (a full JDK)"
}

ensure_wrk() {
    command -v wrk >/dev/null && return
    log "installing wrk"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
    command -v wrk >/dev/null || die "wrk could not be installed"
}

ensure_project_jars() {
    if [[ ! -f $OBS_AGENT_JAR || ! -f $SAMPLE_APP_JAR ]]; then
        log "building the agent and sample-app jars"
        mvn -B -q -N install
        [[ -f $OBS_AGENT_JAR ]] || mvn -B -q -f agent/pom.xml package -DskipTests
        [[ -f $SAMPLE_APP_JAR ]] || mvn -B -q -f sample-app/pom.xml package -DskipTests
    fi
    [[ -f $OBS_AGENT_JAR && -f $SAMPLE_APP_JAR ]] || die "build did not produce $OBS_AGENT_JAR and $SAMPLE_APP_JAR"
    if [[ ! -f $APP_JAR ]]; then
        log "building $APP_JAR"
        mvn -B -q -f integration-tests/pom.xml -N install
        mvn -B -q -f integration-tests/test-apps/boot3-jpa/pom.xml package -DskipTests
        [[ -f $APP_JAR ]] || die "build did not produce $APP_JAR"
    fi
}

# Fetches the OpenTelemetry agent into target/bench/ with Maven. -N: only the root pom is read, so this
# works whatever state the modules are in.
ensure_otel_agent() {
    local version jar
    for version in "${OTEL_VERSIONS[@]}"; do
        jar="$BENCH_DIR/opentelemetry-javaagent-$version.jar"
        if [[ ! -f $jar ]]; then
            log "fetching opentelemetry-javaagent $version"
            mvn -B -q -N dependency:copy \
                -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$version" \
                -DoutputDirectory="$BENCH_DIR/" >"$LOG_DIR/mvn-otel-$version.log" 2>&1 \
                || log "opentelemetry-javaagent $version did not resolve (see $LOG_DIR/mvn-otel-$version.log)"
        fi
        if [[ -f $jar ]]; then
            OTEL_JAR=$jar OTEL_VERSION=$version
            return
        fi
    done
    die "no opentelemetry-javaagent version resolved (tried ${OTEL_VERSIONS[*]})"
}

compile_startup_poll() {
    if [[ ! -f $CLASSES_DIR/StartupPoll.class || $POLL_SOURCE -nt $CLASSES_DIR/StartupPoll.class ]]; then
        mkdir -p "$CLASSES_DIR"
        "$JAVAC" -d "$CLASSES_DIR" "$POLL_SOURCE"
    fi
}

# A port nobody listens on now: bound and released by the kernel's choice (python3), else probed at random.
free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# ---- one service run ------------------------------------------------------------------------------------------
# Agent arguments of a configuration; $2 is a free port for the agent's own HTTP server.
agent_flags() {
    local config=$1 side_port=$2
    case "$config" in
        A) ;;
        B) printf '%s\n' "-javaagent:$OBS_AGENT_JAR=server.port=$side_port" ;;
        D) printf '%s\n' "-javaagent:$OBS_AGENT_JAR=server.port=$side_port,access_log.enabled=false" ;;
        C) printf '%s\n' "-javaagent:$OTEL_JAR" -Dotel.traces.exporter=none -Dotel.logs.exporter=none \
               -Dotel.metrics.exporter=prometheus "-Dotel.exporter.prometheus.port=$side_port" ;;
    esac
}

# True while the service runs. When it has gone: a death by signal is someone else's kill (this script
# stops services only after measuring them), so the run is marked lost and will be repeated; any other
# exit is the service failing, which is fatal.
service_alive() {
    local phase=$1 status=0
    kill -0 "$SERVICE_PID" 2>/dev/null && return 0
    wait "$SERVICE_PID" || status=$?
    untrack_pid "$SERVICE_PID"
    if ((status > 128)); then
        RUN_LOST="service killed by signal $((status - 128)) from outside during $phase"
        return 1
    fi
    die "service exited with status $status during $phase; see $LOG_DIR/$RUN_NAME.out and .err"
}

# Starts the poller, then the service; sets SERVICE_PID and STARTUP_S (launch -> first 200),
# or RUN_LOST when the service was killed from outside.
launch_and_time_startup() {
    local config=$1 app_port=$2 side_port=$3
    local poll_out="$LOG_DIR/$RUN_NAME.poll" poll_pid flags=() t0 line up_us waited=0

    "$JAVA" -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CLASSES_DIR" StartupPoll \
        127.0.0.1 "$app_port" "$READY_PATH" "$STARTUP_TIMEOUT_S" >"$poll_out" 2>&1 &
    poll_pid=$!
    track_pid "$poll_pid"
    until grep -q '^ready' "$poll_out" 2>/dev/null; do
        kill -0 "$poll_pid" 2>/dev/null || die "start-up poller failed: $(cat "$poll_out")"
        ((waited++ < 300)) || die "start-up poller not ready after 30 s"
        sleep 0.1
    done

    mapfile -t flags < <(agent_flags "$config" "$side_port")
    t0=${EPOCHREALTIME/./}
    SERVER_PORT=$app_port "$JAVA" "${JVM_FLAGS[@]}" "${flags[@]}" -jar "$APP_JAR" \
        >"$LOG_DIR/$RUN_NAME.out" 2>"$LOG_DIR/$RUN_NAME.err" &
    SERVICE_PID=$!
    track_pid "$SERVICE_PID"

    while kill -0 "$poll_pid" 2>/dev/null; do
        if ! service_alive "start-up"; then
            stop_process "$poll_pid" 1
            return 0
        fi
        sleep 0.05
    done
    wait "$poll_pid" || die "service ($config) gave no 200 within ${STARTUP_TIMEOUT_S}s: $(cat "$poll_out")"
    untrack_pid "$poll_pid"
    line=$(grep '^up ' "$poll_out") || die "poller printed no result: $(cat "$poll_out")"
    up_us=$(awk '{print $2}' <<<"$line")
    STARTUP_S=$(awk -v a="$t0" -v b="$up_us" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
}

create_task() {
    local port=$1 body id
    body=$(curl -sS --fail --max-time 10 -H 'Content-Type: application/json' \
        -d '{"title":"benchmark target"}' "http://127.0.0.1:$port/api/v1/tasks") || die "POST /api/v1/tasks failed"
    id=$(sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p' <<<"$body")
    [[ -n $id ]] || die "no id in POST answer: $body"
    curl -sS --fail --max-time 10 -o /dev/null "http://127.0.0.1:$port/api/v1/tasks/$id" || die "GET task $id failed"
    echo "$id"
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the
# parenthesised command name, which may itself contain spaces).
cpu_ticks() {
    local stat
    stat=$(<"/proc/$1/stat")
    stat=${stat##*) }
    awk '{ print $12 + $13 }' <<<"$stat"
}

# Percent of all CPUs busy (not idle, not iowait) over one second, from /proc/stat.
machine_busy_pct() {
    local before after
    before=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    after=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v b="$before" -v a="$after" 'BEGIN {
        split(b, x, " "); split(a, y, " "); total = y[1] - x[1]; idle = y[2] - x[2]
        printf "%.0f", (total > 0 ? 100 * (total - idle) / total : 0) }'
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Full GC, then the sum of "used" over the heap's generations (Serial: def new + tenured; G1: one line).
heap_used_after_gc_mb() {
    local pid=$1
    "$JCMD" "$pid" GC.run >/dev/null
    "$JCMD" "$pid" GC.heap_info | awk '
        /total [0-9]+K, used [0-9]+K/ { match($0, /used [0-9]+K/); kb += substr($0, RSTART + 5, RLENGTH - 6) }
        END { if (kb == "") exit 1; printf "%.1f", kb / 1024 }'
}

# Runs wrk in the background (so a signal to this script is handled at once) and parses load.lua's
# BENCH_RESULT line. Sets WRK_RPS, WRK_P50_MS, WRK_P99_MS, WRK_REQUESTS, WRK_ERRORS, WRK_CPU_US.
# $4 = the service PID whose CPU is counted over the window; "-" to skip.
run_wrk() {
    local port=$1 seconds=$2 post_percent=$3 pid=$4 task_id=$5 report=$6
    local wrk_pid ticks_before ticks_after clk result
    clk=$(getconf CLK_TCK)
    [[ $pid == - ]] || ticks_before=$(cpu_ticks "$pid")
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${seconds}s" --latency -s "$LUA_SCRIPT" \
        "http://127.0.0.1:$port" -- "$task_id" "$post_percent" >"$report" 2>&1 &
    wrk_pid=$!
    track_pid "$wrk_pid"
    wait "$wrk_pid" || die "wrk failed; see $report"
    untrack_pid "$wrk_pid"
    # The service may have been killed meanwhile: then no CPU figure (and run_once drops the run).
    [[ $pid == - ]] || ticks_after=$(cpu_ticks "$pid" 2>/dev/null) || pid=-

    result=$(grep '^BENCH_RESULT' "$report") || die "no BENCH_RESULT in $report"
    eval "$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "local r_%s=%s\n", kv[1], kv[2] } }' <<<"$result")"
    # shellcheck disable=SC2154  # r_* are set by the eval above
    {
        WRK_REQUESTS=$r_requests
        WRK_ERRORS=$((r_non2xx + r_connect_errors + r_read_errors + r_write_errors + r_timeouts))
        WRK_RPS=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN { printf "%.1f", n / (d / 1e6) }')
        WRK_P50_MS=$(awk -v v="$r_p50_us" 'BEGIN { printf "%.3f", v / 1000 }')
        WRK_P99_MS=$(awk -v v="$r_p99_us" 'BEGIN { printf "%.3f", v / 1000 }')
    }
    WRK_CPU_US=""
    if [[ $pid != - ]]; then
        WRK_CPU_US=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$clk" -v n="$r_requests" \
            'BEGIN { printf "%.2f", (n > 0 ? t / hz * 1e6 / n : 0) }')
    fi
}

# Cheap after-the-fact check that the agent of B / C really was active (not part of any figure).
agent_check() {
    local config=$1 side_port=$2
    case "$config" in
        A) echo "n/a" ;;
        B|D) grep -q '"event":"agent_started"' "$LOG_DIR/$RUN_NAME.out" "$LOG_DIR/$RUN_NAME.err" 2>/dev/null \
               && echo "agent_started" || echo "no-agent_started-line" ;;
        C) curl -s -o /dev/null -w 'metrics-http-%{http_code}' --max-time 5 "http://127.0.0.1:$side_port/metrics" \
               || echo "metrics-unreachable" ;;
    esac
}

# One full run of one configuration; appends a row to runs.csv, or sets RUN_LOST and writes nothing.
run_once() {
    local config=$1 round=$2 app_port side_port task_id rss heap check busy
    local list_rps list_p50 list_p99 list_cpu list_n list_err get_rps get_p50 get_p99 get_cpu get_n get_err
    RUN_LOST=""
    app_port=$(free_port)
    side_port=$(free_port)
    [[ $side_port != "$app_port" ]] || side_port=$(free_port)
    busy=$(machine_busy_pct)
    log "round $round/$rounds, config $config: starting $RUN_NAME (CPUs ${busy}% busy with other work just before)"

    launch_and_time_startup "$config" "$app_port" "$side_port"
    [[ -z $RUN_LOST ]] || return 0
    log "  start-up ${STARTUP_S}s"
    task_id=$(create_task "$app_port")

    # The fast endpoint first, while the store holds one task: the mix below creates more, and the list grows.
    ((warmup_s == 0)) || run_wrk "$app_port" "$warmup_s" 0 - list "$LOG_DIR/$RUN_NAME.wrk-warmup-list.txt"
    service_alive "list warm-up" || return 0
    run_wrk "$app_port" "$load_s" 0 "$SERVICE_PID" list "$LOG_DIR/$RUN_NAME.wrk-list.txt"
    service_alive "list load" || return 0
    list_rps=$WRK_RPS list_p50=$WRK_P50_MS list_p99=$WRK_P99_MS list_cpu=$WRK_CPU_US list_n=$WRK_REQUESTS list_err=$WRK_ERRORS
    log "  list:      $list_rps req/s, p50 ${list_p50} ms, p99 ${list_p99} ms, ${list_cpu} us CPU/req"

    ((warmup_s == 0)) || run_wrk "$app_port" "$warmup_s" "$MIX_POST_PERCENT" - "$task_id" "$LOG_DIR/$RUN_NAME.wrk-warmup.txt"
    service_alive "warm-up" || return 0
    run_wrk "$app_port" "$load_s" 0 "$SERVICE_PID" "$task_id" "$LOG_DIR/$RUN_NAME.wrk-get.txt"
    service_alive "GET load" || return 0
    get_rps=$WRK_RPS get_p50=$WRK_P50_MS get_p99=$WRK_P99_MS get_cpu=$WRK_CPU_US get_n=$WRK_REQUESTS get_err=$WRK_ERRORS
    log "  GET by id: $get_rps req/s, p50 ${get_p50} ms, p99 ${get_p99} ms, ${get_cpu} us CPU/req"
    run_wrk "$app_port" "$load_s" "$MIX_POST_PERCENT" "$SERVICE_PID" "$task_id" "$LOG_DIR/$RUN_NAME.wrk-mix.txt"
    service_alive "mix load" || return 0
    log "  mix:       $WRK_RPS req/s, p50 ${WRK_P50_MS} ms, p99 ${WRK_P99_MS} ms, ${WRK_CPU_US} us CPU/req"

    rss=$(rss_mb "$SERVICE_PID")
    heap=$(heap_used_after_gc_mb "$SERVICE_PID") || die "could not read heap usage with jcmd"
    service_alive "memory measurement" || return 0
    check=$(agent_check "$config" "$side_port")
    log "  RSS ${rss} MiB, heap after GC ${heap} MiB, check: $check"
    stop_process "$SERVICE_PID" 15

    echo "$round,$config,$STARTUP_S,$list_rps,$list_p50,$list_p99,$list_cpu,$list_n,$list_err,$get_rps,$get_p50,$get_p99,$get_cpu,$get_n,$get_err,$WRK_RPS,$WRK_P50_MS,$WRK_P99_MS,$WRK_CPU_US,$WRK_REQUESTS,$WRK_ERRORS,$rss,$heap,$busy,$check" >>"$RUNS_CSV"
}

# Runs one configuration until a run completes; a run lost to an outside kill is repeated (twice at most).
measure_configuration() {
    local config=$1 round=$2 attempt
    for attempt in 1 2 3; do
        RUN_NAME="r${round}-${config}"
        ((attempt == 1)) || RUN_NAME+="-retry$((attempt - 1))"
        run_once "$config" "$round"
        [[ -n $RUN_LOST ]] || return 0
        LOST_RUNS=$((LOST_RUNS + 1))
        log "  run lost: $RUN_LOST; repeating it"
    done
    die "round $round, config $config: lost three times to outside kills"
}

# ---- summary ------------------------------------------------------------------------------------------------
# Values of the runs.csv column named $1, for configuration $2 (or every configuration when $2 is absent).
column_values() {
    awk -F, -v col="$1" -v cfg="${2:-}" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        (cfg == "" || $2 == cfg) && $c != "" { print $c }' "${CSV_FILE:-$RUNS_CSV}"
}

# Median of numbers on standard input (empty output for no input).
median_of_input() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR > 0) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

median() { column_values "$1" "$2" | median_of_input; }

sum_column() { column_values "$1" "$2" | awk '{ s += $1 } END { print s + 0 }'; }

# Megabytes of 10^6 bytes, as jar sizes are usually quoted.
jar_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }

# One markdown row: label, printf format, then the A, B, D, C values; ratios to A.
table_row() {
    local label=$1 fmt=$2 a=$3 b=$4 d=$5 c=$6
    awk -v label="$label" -v fmt="$fmt" -v a="$a" -v b="$b" -v d="$d" -v c="$c" '
        function ratio(x) { return (a != "" && a + 0 != 0 && x != "") ? sprintf("%.2f", x / a) : "n/a" }
        BEGIN { printf "| %s | " fmt " | " fmt " | " fmt " | " fmt " | %s | %s | %s |\n", label, a, b, d, c, ratio(b), ratio(d), ratio(c) }'
}

# The measured rows of the tables: label | printf format | runs.csv column.
readonly METRICS=(
    "start-up to first 200 (s)|%.2f|startup_s"
    "list (fast): requests/s|%.0f|list_rps"
    "list (fast): p50 latency (ms)|%.2f|list_p50_ms"
    "list (fast): p99 latency (ms)|%.2f|list_p99_ms"
    "list (fast): CPU per request (µs)|%.1f|list_cpu_us_per_req"
    "GET by id: requests/s|%.0f|get_rps"
    "GET by id: p50 latency (ms)|%.2f|get_p50_ms"
    "GET by id: p99 latency (ms)|%.2f|get_p99_ms"
    "GET by id: CPU per request (µs)|%.1f|get_cpu_us_per_req"
    "mix 80/20: requests/s|%.0f|mix_rps"
    "mix 80/20: p50 latency (ms)|%.2f|mix_p50_ms"
    "mix 80/20: p99 latency (ms)|%.2f|mix_p99_ms"
    "mix 80/20: CPU per request (µs)|%.1f|mix_cpu_us_per_req"
    "RSS after load (MiB)|%.0f|rss_mb"
    "heap used after full GC (MiB)|%.1f|heap_used_mb"
)

results_table() {
    local metric label fmt column
    echo "| metric (median of $rounds) | A: no agent | B: obs-agent | D: obs-agent, access log off | C: OTel agent $OTEL_VERSION | B/A | D/A | C/A |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for metric in "${METRICS[@]}"; do
        IFS='|' read -r label fmt column <<<"$metric"
        table_row "$label" "$fmt" "$(median "$column" A)" "$(median "$column" B)" "$(median "$column" D)" "$(median "$column" C)"
    done
    echo "| agent jar size (MB = 10^6 bytes) | — | $(jar_mb "$OBS_AGENT_JAR") | $(jar_mb "$OBS_AGENT_JAR") | $(jar_mb "$OTEL_JAR") | — | — | — |"
}

# "min–max" of a column for one configuration.
spread() {
    local fmt=$2 values
    values=$(column_values "$1" "$3" | sort -g)
    [[ -n $values ]] || { echo "—"; return; }
    # shellcheck disable=SC2059  # the format is ours
    printf "$fmt–$fmt" "$(head -1 <<<"$values")" "$(tail -1 <<<"$values")"
}

# Smallest and largest run of each configuration: how far to trust the medians.
spread_table() {
    local metric label fmt column
    echo "| metric (min–max of $rounds) | A: no agent | B: obs-agent | D: access log off | C: OTel agent |"
    echo "|---|---:|---:|---:|---:|"
    for metric in "${METRICS[@]}"; do
        IFS='|' read -r label fmt column <<<"$metric"
        echo "| $label | $(spread "$column" "$fmt" A) | $(spread "$column" "$fmt" B) | $(spread "$column" "$fmt" D) | $(spread "$column" "$fmt" C) |"
    done
}

error_notes() {
    local config list_err get_err mix_err any=false
    for config in "${CONFIGS[@]}"; do
        list_err=$(sum_column list_errors "$config")
        get_err=$(sum_column get_errors "$config")
        mix_err=$(sum_column mix_errors "$config")
        if ((list_err + get_err + mix_err > 0)); then
            echo "- $config: wrk counted $list_err errors in the list loads, $get_err in the GET loads and $mix_err in the mix loads (non-2xx/3xx, socket errors, timeouts)."
            any=true
        fi
    done
    $any || echo "- wrk counted no errors (non-2xx/3xx, socket errors, timeouts) in any measured load."
}

# A visible warning when other work kept the machine busy (median over the runs above 25 %).
noise_warning() {
    local median_busy
    median_busy=$(column_values busy_before_pct | median_of_input)
    if [[ -n $median_busy ]] && awk -v m="$median_busy" 'BEGIN { exit !(m > 25) }'; then
        echo "**Noisy machine: other work kept the CPUs ${median_busy} % busy (median) just before the runs; the"
        echo "figures below mix the agents' cost with that competition. Compare them with care, or re-run on a quiet machine.**"
        echo
    fi
}

# How busy the CPUs were, before the runs, with work that was not this benchmark's.
busy_summary() {
    local values
    values=$(column_values busy_before_pct | sort -g)
    [[ -n $values ]] || { echo "not measured"; return; }
    echo "CPUs $(head -1 <<<"$values")–$(tail -1 <<<"$values") % busy (median $(median_of_input <<<"$values") %) in the idle second before each run"
}

write_results() {
    local table=$1 started=$2 finished=$3
    {
        echo "# obs-agent benchmark"
        echo
        echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ) (run took $(((finished - started) / 60)) min $(((finished - started) % 60)) s)"
        echo "- command: \`$COMMAND_LINE\`"
        echo "- JDK: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')($JAVA)"
        echo "- CPUs: $(nproc) ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- JVM flags (all configurations): \`${JVM_FLAGS[*]}\` — Serial GC, chosen explicitly"
        echo "- B: \`-javaagent:$OBS_AGENT_JAR=server.port=<free port>\`"
        echo "- D: \`-javaagent:$OBS_AGENT_JAR=server.port=<free port>,access_log.enabled=false\`"
        echo "- C: \`-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.logs.exporter=none -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.port=<free port>\`"
        echo "- other work on the machine: $(busy_summary)"
        echo "- load: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS; ${warmup_s} s warm-up then ${load_s} s GET /api/v1/tasks (one task stored); ${warmup_s} s warm-up (mix), then ${load_s} s GET /api/v1/tasks/{id} and ${load_s} s mix ($((100 - MIX_POST_PERCENT)) % GET by id / $MIX_POST_PERCENT % POST create); $rounds round(s), interleaved ${CONFIGS[*]}"
        echo
        noise_warning
        echo "$table"
        echo
        echo "Ratios are to the no-agent median (throughput: below 1 = slower; everything else: above 1 = more cost)."
        echo "No thresholds are applied. Every run: \`$RUNS_CSV\`; logs: \`$LOG_DIR/\`."
        echo
        error_notes
        echo "- runs repeated because the service was killed from outside this script: $LOST_RUNS."
        if ((rounds > 1)); then
            echo
            echo "Spread over the runs:"
            echo
            spread_table
        fi
    } >"$RESULTS_MD"
}

# ---- start-up breakdown ------------------------------------------------------------------------------------------
readonly STARTUP_MD="$BENCH_DIR/startup.md"
readonly THREAD_GROUPS=(main jit agent_start gc_vm other)

# CPU milliseconds of each thread group of a process now: "main=… jit=… agent_start=… gc_vm=… other=…".
thread_group_cpu_ms() {
    local pid=$1 task comm stat ticks clk
    clk=$(getconf CLK_TCK)
    declare -A sum=([main]=0 [jit]=0 [agent_start]=0 [gc_vm]=0 [other]=0)
    for task in /proc/"$pid"/task/*; do
        comm=$(<"$task/comm") 2>/dev/null || continue
        stat=$(<"$task/stat") 2>/dev/null || continue
        stat=${stat##*) }
        ticks=$(awk '{ print $12 + $13 }' <<<"$stat")
        case "$comm" in
            java|main) sum[main]=$((sum[main] + ticks)) ;;
            C1\ Compiler*|C2\ Compiler*) sum[jit]=$((sum[jit] + ticks)) ;;
            obs-agent-start) sum[agent_start]=$((sum[agent_start] + ticks)) ;;
            GC\ *|G1\ *|VM\ *|"Reference Handl"|Finalizer) sum[gc_vm]=$((sum[gc_vm] + ticks)) ;;
            *) sum[other]=$((sum[other] + ticks)) ;;
        esac
    done
    local group out=""
    for group in "${THREAD_GROUPS[@]}"; do
        out+="$group=$((sum[$group] * 1000 / clk)) "
    done
    echo "${out% }"
}

# One timed start of a configuration: appends "round,config,startup_s,process_cpu_ms,rss_mb,<thread groups>" to
# startup.csv; RSS is read at the first 200.
startup_run() {
    local config=$1 round=$2 app_port side_port cpu process rss
    app_port=$(free_port)
    side_port=$(free_port)
    RUN_NAME="startup-r${round}-${config}"
    RUN_LOST=""
    launch_and_time_startup "$config" "$app_port" "$side_port"
    [[ -z $RUN_LOST ]] || die "start-up run $RUN_NAME was killed from outside: $RUN_LOST"
    rss=$(rss_mb "$SERVICE_PID")
    cpu=$(thread_group_cpu_ms "$SERVICE_PID")
    process=$(( $(cpu_ticks "$SERVICE_PID") * 1000 / $(getconf CLK_TCK) ))
    log "  $config: ${STARTUP_S}s, process CPU ${process} ms, RSS ${rss} MiB, live threads' CPU ms: $cpu"
    stop_process "$SERVICE_PID" 15
    echo "$round,$config,$STARTUP_S,$process,$rss,$(tr ' ' '\n' <<<"$cpu" | cut -d= -f2 | paste -sd,)" >>"$CSV_FILE"
}

# One diagnostic start: classes loaded and methods compiled up to the first 200, all and the agent's.
startup_diagnostics() {
    local config=$1 app_port side_port flags=() out classes
    app_port=$(free_port)
    side_port=$(free_port)
    out="$LOG_DIR/startup-diag-$config"
    mapfile -t flags < <(agent_flags "$config" "$side_port")
    [[ $config == B ]] && flags=("${flags[0]},log.level=debug")
    SERVER_PORT=$app_port "$JAVA" "${JVM_FLAGS[@]}" "-Xlog:class+load=info:file=$out.classes" -XX:+PrintCompilation \
        "${flags[@]}" -jar "$APP_JAR" >"$out.out" 2>"$out.err" &
    SERVICE_PID=$!
    track_pid "$SERVICE_PID"
    local waited=0
    until curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$app_port$READY_PATH"; do
        ((waited++ < STARTUP_TIMEOUT_S * 10)) || die "diagnostic start of $config gave no 200"
        sleep 0.1
    done
    stop_process "$SERVICE_PID" 15
    classes=$(grep -c 'source:' "$out.classes" || true)
    echo "| $config | $classes | $(grep -c ' io\.obsagent\.' "$out.classes" || true) | $(grep -cE '^ +[0-9]+ +[0-9]+ ' "$out.out" || true) | $(grep -E '^ +[0-9]+ +[0-9]+ ' "$out.out" | grep -c 'io\.obsagent\.' || true) |"
}

run_startup() {
    local round config group
    mkdir -p "$LOG_DIR"
    compile_startup_poll
    CSV_FILE="$BENCH_DIR/startup.csv"   # what median reads
    echo "round,config,startup_s,process_cpu_ms,rss_mb,$(IFS=,; echo "${THREAD_GROUPS[*]/%/_cpu_ms}")" >"$CSV_FILE"
    local busy
    busy=$(machine_busy_pct)
    for ((round = 1; round <= rounds; round++)); do
        for config in A B; do
            startup_run "$config" "$round"
        done
    done
    {
        echo "# obs-agent start-up breakdown"
        echo
        echo "- app: $APP_JAR, first 200 of GET $READY_PATH"
        echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); JDK: $("$JAVA" -version 2>&1 | head -1); CPUs: $(nproc); $rounds round(s), A B interleaved"
        echo "- JVM flags: \`${JVM_FLAGS[*]}\`; B: \`-javaagent:$OBS_AGENT_JAR=server.port=<free port>\`; CPUs ${busy} % busy with other work just before"
        echo
        echo "| median of $rounds | A: no agent | B: obs-agent | B − A |"
        echo "|---|---:|---:|---:|"
        for group in startup_s process_cpu_ms rss_mb "${THREAD_GROUPS[@]/%/_cpu_ms}"; do
            awk -v g="$group" -v a="$(median "$group" A)" -v b="$(median "$group" B)" \
                'BEGIN { printf "| %s | %s | %s | " (g == "startup_s" ? "%+.3f" : g == "rss_mb" ? "%+.1f" : "%+.0f") " |\n", g, a, b, b - a }'
        done
        echo
        echo "CPU up to the first HTTP 200 and RSS then: the whole process, and the threads still alive then by group: main, jit"
        echo "(C1/C2 compiler threads), agent_start (the agent's start thread, when still running; it reports its own"
        echo "CPU in agent_startup below), gc_vm (GC and VM threads), other. One diagnostic run each:"
        echo
        echo "| config | classes loaded | of them the agent's | methods JIT-compiled | of them the agent's |"
        echo "|---|---:|---:|---:|---:|"
        startup_diagnostics A
        startup_diagnostics B
        echo
        echo "The agent's own phases (ms of wall time, B's diagnostic run; \`agent_startup\` at log.level=debug):"
        echo
        echo '```'
        grep -h '"event":"agent_startup"' "$LOG_DIR/startup-diag-B.out" || echo "(no agent_startup event)"
        echo '```'
    } >"$STARTUP_MD"
    cat "$STARTUP_MD"
}

# ---- JMH: the agent's per-request path in isolation ----------------------------------------------------------
run_jmh() {
    local classpath
    log "building the agent's benchmark classes"
    mvn -B -q -ntp -N install >/dev/null
    mvn -B -q -ntp -f agent/pom.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/jmh.classpath >/dev/null
    classpath="agent/target/test-classes:agent/target/classes:$(cat agent/target/jmh.classpath)"
    mkdir -p "$BENCH_DIR"
    "$JAVA" -cp "$classpath" org.openjdk.jmh.Main -prof gc -rf text -rff "$BENCH_DIR/jmh.txt" 'io.obsagent.bench.*' >&2
    log "JMH results: $BENCH_DIR/jmh.txt"
    cat "$BENCH_DIR/jmh.txt"
}

# ---- main -----------------------------------------------------------------------------------------------------
main() {
    parse_args "$@"
    cd "$REPO_ROOT"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    resolve_jdk
    if $jmh; then
        run_jmh
        return
    fi
    if $startup; then
        mkdir -p "$LOG_DIR"
        ensure_project_jars
        run_startup
        return
    fi
    rm -rf "$LOG_DIR"   # logs of this invocation only
    mkdir -p "$LOG_DIR"
    ensure_wrk
    ensure_project_jars
    ensure_otel_agent
    compile_startup_poll
    log "JDK $JAVA; opentelemetry-javaagent $OTEL_VERSION; $rounds round(s), warm-up ${warmup_s}s, loads ${load_s}s"

    local started round config table
    started=$(date +%s)
    echo "round,config,startup_s,list_rps,list_p50_ms,list_p99_ms,list_cpu_us_per_req,list_requests,list_errors,get_rps,get_p50_ms,get_p99_ms,get_cpu_us_per_req,get_requests,get_errors,mix_rps,mix_p50_ms,mix_p99_ms,mix_cpu_us_per_req,mix_requests,mix_errors,rss_mb,heap_used_mb,busy_before_pct,agent_check" >"$RUNS_CSV"
    for ((round = 1; round <= rounds; round++)); do
        for config in "${CONFIGS[@]}"; do
            measure_configuration "$config" "$round"
        done
    done

    table=$(results_table)
    write_results "$table" "$started" "$(date +%s)"
    echo
    noise_warning
    echo "$table"
    echo
    error_notes
    echo
    log "results: $RESULTS_MD, every run: $RUNS_CSV"
}

main "$@"
