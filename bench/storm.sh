#!/usr/bin/env bash
# bench/storm.sh [scenario] [rate] [seconds]: the storm benchmark, Tierline and Prometheus Alertmanager side by side.
#
#   bench/storm.sh                     incidents at 50/s for 30 s
#   bench/storm.sh all 200 30          each scenario (incidents, repeats, tickets, breaches) at 200/s for 30 s
#   bench/storm.sh breaches 500 1      500 first-response SLAs coming due within the same second
#
# Builds the bench (bench/storm, a standalone Maven project) and runs it against the stack that ./tierline up started
# from this checkout. When none runs, it starts one for the bench and leaves it running (./tierline down stops it):
#
#   TIERLINE_DB_NAME=tierline_bench TIERLINE_PLATFORM_RATE_LIMIT_ENABLED=false ./tierline up
#
# Its own database, so the bench's tickets, and the SLA and escalation timers they leave behind, never reach the
# database other stacks on this machine use; rate limits off, or the storm is shed with 429s (set TIERLINE_DB_NAME to
# choose another database). A stack that already runs is used as it is (the bench warns when its rate limits are on).
# The bench's database keeps every run's tickets (and their SLA clocks: the STANDARD customer's SEV1 warns after 30
# minutes and breaches after an hour); STORM_FRESH=1 stops the stack, drops that database (never one named
# "tierline") and starts again, for a baseline on empty tables. ./tierline up rebuilds the services when any src/ folder
# of the checkout changed, bench/storm's included: TIERLINE_SKIP_BUILD=1 runs what is built.
# Alertmanager is Debian's prometheus-alertmanager (apt-get install -y prometheus-alertmanager); the bench starts and
# stops its own. The output is also kept in bench/storm/target/results/. Environment knobs: java -jar
# bench/storm/target/storm-bench.jar --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STATE_DIR="${TIERLINE_STATE_DIR:-$ROOT/.tierline}"
SCENARIO="${1:-incidents}"
RATE="${2:-50}"
DURATION="${3:-30}"
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
fi

# shellcheck source=bench/stack.sh
. "$ROOT/bench/stack.sh"

if [ "${STORM_FRESH:-}" = "1" ]; then
    # a fresh baseline: the bench's database dropped (tickets, timers and tables of earlier runs gone), the stack restarted
    fresh_db="${TIERLINE_DB_NAME:-tierline_bench}"
    if pid="$(stack_pid ticket-service)"; then
        fresh_db="$(env_of "$pid" TIERLINE_DB_NAME)"
    fi
    case "$fresh_db" in
        ""|tierline) echo "error: STORM_FRESH=1 drops the stack's database, and '${fresh_db:-tierline}' is not a bench" \
            "database: refusing" >&2; exit 1 ;;
    esac
    command -v psql >/dev/null || { echo "error: STORM_FRESH=1 needs psql" >&2; exit 1; }
    if stack_pid ticket-service >/dev/null; then
        echo "==> STORM_FRESH=1: ./tierline down, then dropping database $fresh_db"
        "$ROOT/tierline" down
    fi
    psql -q -h "${TIERLINE_DB_HOST:-127.0.0.1}" -p "${TIERLINE_DB_PORT:-5432}" -U "${TIERLINE_DB_USER:-postgres}" \
        -d postgres -c "DROP DATABASE IF EXISTS $fresh_db WITH (FORCE)"
    export TIERLINE_DB_NAME="$fresh_db"
fi

echo "==> building the bench (bench/storm)"
"$ROOT/mvnw" -q -f "$ROOT/bench/storm/pom.xml" package

if ! pid="$(stack_pid ticket-service)"; then
    if (exec 3<>/dev/tcp/127.0.0.1/8081) 2>/dev/null; then
        echo "error: port 8081 is taken by a stack this checkout did not start; the bench will not load someone else's" \
            "stack (stop it, or wait until it is stopped)" >&2
        exit 1
    fi
    export TIERLINE_DB_NAME="${TIERLINE_DB_NAME:-tierline_bench}"
    echo "==> no stack of this checkout runs: TIERLINE_DB_NAME=$TIERLINE_DB_NAME" \
        "TIERLINE_PLATFORM_RATE_LIMIT_ENABLED=false ./tierline up  (log: bench/storm/target/tierline-up.log)"
    mkdir -p "$ROOT/bench/storm/target"
    if ! TIERLINE_PLATFORM_RATE_LIMIT_ENABLED=false "$ROOT/tierline" up >"$ROOT/bench/storm/target/tierline-up.log" 2>&1; then
        tail -n 40 "$ROOT/bench/storm/target/tierline-up.log" >&2
        echo "error: ./tierline up failed" >&2
        exit 1
    fi
    pid="$(stack_pid ticket-service)"
fi
if [ "$(env_of "$pid" TIERLINE_PLATFORM_RATE_LIMIT_ENABLED)" != "false" ]; then
    echo "warning: this stack runs with rate limits on: the storm will meet 429s (restart it with" \
        "TIERLINE_PLATFORM_RATE_LIMIT_ENABLED=false ./tierline up)" >&2
fi

pids=""
for name in ticket-service escalation-service sla-service notification-service kafka inbox postgres; do
    if p="$(stack_pid "$name")"; then
        pids="$pids${pids:+,}$name=$p"
    fi
done
db="$(env_of "$pid" TIERLINE_DB_NAME)"

mkdir -p "$ROOT/bench/storm/target/results"
out="$ROOT/bench/storm/target/results/$(date -u +%Y%m%dT%H%M%SZ)-$SCENARIO-${RATE}x${DURATION}.txt"
status=0
STORM_ADMIN_TOKEN="$("$ROOT/tierline" token admin storm-bench)" \
STORM_AGENT_TOKEN="$("$ROOT/tierline" token agent storm-bench)" \
STORM_PIDS="${STORM_PIDS:-$pids}" \
STORM_DB_NAME="${STORM_DB_NAME:-${db:-tierline}}" \
    "$JAVA" -Xmx512m -XX:+UseParallelGC -jar "$ROOT/bench/storm/target/storm-bench.jar" "$SCENARIO" "$RATE" "$DURATION" \
    | tee "$out" || status=$?
echo "(kept in ${out#"$ROOT"/})"
exit "$status"
