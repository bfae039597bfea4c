#!/usr/bin/env bash
# bench/storm/profile.sh SECONDS [service...]: a JFR CPU profile of the stack's services (started by ./tierline up from
# this checkout) over the next SECONDS, summarised per service: the threads that were sampled running, the hottest
# top frames, and the hottest first Tierline frames (where Tierline's own code sat on the stack). Start it, then the
# load (bench/storm.sh ... in another shell). Recordings stay in bench/storm/target/profiles/.
#
#   bench/storm/profile.sh 40 ticket-service escalation-service notification-service &
#   bench/storm.sh incidents 50 30
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
STATE_DIR="${TIERLINE_STATE_DIR:-$ROOT/.tierline}"
SECONDS_="${1:?usage: profile.sh SECONDS [service...]}"
shift
SERVICES="${*:-ticket-service escalation-service sla-service notification-service}"
OUT="$ROOT/bench/storm/target/profiles/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

pid_of() {
    local file="$STATE_DIR/run/$1.pid" pid
    [ -f "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dtierline.process=$1 " || return 1
    printf '%s' "$pid"
}

for svc in $SERVICES; do
    pid="$(pid_of "$svc")" || { echo "$svc: not running from this checkout" >&2; exit 1; }
    jcmd "$pid" JFR.start name=storm settings=profile duration="${SECONDS_}s" filename="$OUT/$svc.jfr" >/dev/null
done
echo "recording $SERVICES for ${SECONDS_}s into ${OUT#"$ROOT"/}"
sleep "$((SECONDS_ + 3))"

for svc in $SERVICES; do
    file="$OUT/$svc.jfr"
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$file" ] && break; sleep 1; done
    jfr print --stack-depth 256 --events jdk.ExecutionSample "$file" >"$OUT/$svc.samples.txt"
    awk -v svc="$svc" '
        /sampledThread = / { t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); gsub(/[0-9]+$/, "N", t); threads[t]++ }
        /stackTrace = \[/ { in_stack = 1; first = 1; own = ""; next }
        in_stack && /^[[:space:]]*\]/ { in_stack = 0; if (own != "") owns[own]++; next }
        in_stack {
            f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
            if (first) { tops[f]++; samples++; first = 0 }
            if (own == "" && f ~ /^io\.tierline\./) own = f
        }
        END {
            printf "\n== %s: %d samples (10 ms while running)\n", svc, samples
            print "-- threads"; for (k in threads) printf "%6d  %s\n", threads[k], k | "sort -rn | head -8"; close("sort -rn | head -8")
            print "-- top frames"; for (k in tops) printf "%6d  %s\n", tops[k], k | "sort -rn | head -15"; close("sort -rn | head -15")
            print "-- first Tierline frame on the stack"; for (k in owns) printf "%6d  %s\n", owns[k], k | "sort -rn | head -15"; close("sort -rn | head -15")
        }' "$OUT/$svc.samples.txt" | tee "$OUT/$svc.summary.txt"
done
