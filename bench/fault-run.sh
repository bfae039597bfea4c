#!/usr/bin/env bash
# bench/fault-run.sh [rate] [seconds]: the incidents storm (PagerDuty triggers, each a new SEV1 incident, to the page
# at the bench's webhook receiver) while each service and Kafka are killed with SIGKILL and started again in turn,
# and PostgreSQL too when ./tierline started an embedded one (a PostgreSQL this script did not start is left alone).
#
#   bench/fault-run.sh            10 incidents a second for 150 s
#   bench/fault-run.sh 30 300
#
# To have PostgreSQL killed too, start the stack on a port where no PostgreSQL listens, so ./tierline starts an
# embedded one of its own:
#
#   TIERLINE_DB_PORT=55432 TIERLINE_DB_NAME=tierline_bench TIERLINE_PLATFORM_RATE_LIMIT_ENABLED=false ./tierline up
#
# Runs against the stack ./tierline up started from this checkout (start it as bench/storm.sh describes: its own
# database, rate limits off). The sender sends a refused event again (connection refused, 429, 5xx) as PagerDuty's
# senders do, for up to STORM_RETRY_SECONDS (300): an event counts as accepted once Tierline answered 202. The
# bench then reports what was accepted, paged, missing (accepted, never paged: lost) and paged twice, and the
# longest time from an event's first send to its page. Output is kept in bench/storm/target/results/ (the bench's
# report) and bench/storm/target/results/*-faults.log (what was killed when).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STATE_DIR="${TIERLINE_STATE_DIR:-$ROOT/.tierline}"
RATE="${1:-10}"
DURATION="${2:-150}"

# shellcheck source=bench/stack.sh
. "$ROOT/bench/stack.sh"

ticket_pid="$(stack_pid ticket-service)" || {
    echo "error: no stack from this checkout is running; start one as bench/storm.sh describes" >&2
    exit 1
}
# ./tierline up must start the killed process the way the stack was started
export TIERLINE_DB_NAME="$(env_of "$ticket_pid" TIERLINE_DB_NAME)"
export TIERLINE_DB_HOST="$(env_of "$ticket_pid" TIERLINE_DB_HOST)"
export TIERLINE_DB_PORT="$(env_of "$ticket_pid" TIERLINE_DB_PORT)"
rate_limits="$(env_of "$ticket_pid" TIERLINE_PLATFORM_RATE_LIMIT_ENABLED)"
[ -z "$rate_limits" ] || export TIERLINE_PLATFORM_RATE_LIMIT_ENABLED="$rate_limits"

victims="ticket-service escalation-service sla-service notification-service kafka"
if stack_pid postgres >/dev/null; then
    victims="$victims postgres"
fi
set -- $victims
interval=$((DURATION / ($# + 1)))

results="$ROOT/bench/storm/target/results"
mkdir -p "$results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
faults="$results/$stamp-faults.log"
report="$results/$stamp-fault-run.out"

STORM_RETRY_SECONDS="${STORM_RETRY_SECONDS:-300}" STORM_ALERTMANAGER="${STORM_ALERTMANAGER:-off}" \
    STORM_DRAIN_SECONDS="${STORM_DRAIN_SECONDS:-300}" TIERLINE_SKIP_BUILD=1 \
    "$ROOT/bench/storm.sh" incidents "$RATE" "$DURATION" >"$report" 2>&1 &
bench=$!

# the faults start with the measured phase, not during the bench's setup and warm-up
until grep -q '^\[tierline incidents\]' "$report" 2>/dev/null; do
    kill -0 "$bench" 2>/dev/null || { cat "$report"; echo "error: the bench ended before its phase" >&2; exit 1; }
    sleep 0.5
done
echo "fault run: incidents at $RATE/s for $DURATION s; killing in turn, every $interval s: $victims" | tee "$faults"
phase_start=$(date +%s)
n=0
for victim in $victims; do
    # on a fixed timeline from the phase's start (a slow restart does not push the next kill out of the phase)
    n=$((n + 1))
    wait_for=$((phase_start + n * interval - $(date +%s)))
    [ "$wait_for" -le 0 ] || sleep "$wait_for"
    if pid="$(stack_pid "$victim")"; then
        kill -KILL "$pid"
        echo "$(date -u +%H:%M:%S) killed $victim (pid $pid) with SIGKILL" | tee -a "$faults"
    fi
    sleep 2
    start=$(date +%s)
    (cd "$ROOT" && TIERLINE_SKIP_BUILD=1 TIERLINE_SKIP_SEED=1 ./tierline up) >>"$faults" 2>&1 \
        || echo "$(date -u +%H:%M:%S) ./tierline up failed (see above)" | tee -a "$faults"
    echo "$(date -u +%H:%M:%S) $victim back after $(($(date +%s) - start)) s" | tee -a "$faults"
done

wait "$bench" || true
grep -E -A12 '^\[tierline incidents\]' "$report" | grep -v ' t+' || true
echo "(bench report: ${report#"$ROOT"/}; faults: ${faults#"$ROOT"/})"
