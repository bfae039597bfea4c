#!/usr/bin/env bash
# How many transactions per second PostgreSQL commits when each one NOTIFYs (as the outbox and timer triggers once
# did) and when none does: 16 clients inserting one outbox-sized row per transaction, in a scratch database.
#   bench/notify-commit-rate.sh [seconds per run, default 10]
# Needs pgbench (PostgreSQL's server package) and a PostgreSQL at $PGHOST:$PGPORT (127.0.0.1:5432, user postgres).
set -euo pipefail
SECONDS_PER_RUN="${1:-10}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)"
[ -x "$PGBENCH" ] || { echo "pgbench not found" >&2; exit 1; }
DB=tierline_notify_bench
work="$(mktemp -d)"
trap 'rm -rf "$work"; psql -qd postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT
psql -qd postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
psql -qd "$DB" >/dev/null <<'SQL'
create table plain (id bigserial primary key, payload text, created_at timestamptz default now());
create table notified (id bigserial primary key, payload text, created_at timestamptz default now());
create function notify_commit() returns trigger language plpgsql as $$
begin perform pg_notify('bench_outbox', ''); return null; end $$;
create trigger notify_commit after insert on notified for each statement execute function notify_commit();
SQL
echo "insert into plain (payload) values (repeat('x', 300));" >"$work/plain.sql"
echo "insert into notified (payload) values (repeat('x', 300));" >"$work/notified.sql"
printf '%-10s %-6s %12s %14s\n' table round "commits/s" "latency avg"
for round in 1 2; do
    for table in plain notified; do
        out="$("$PGBENCH" -n -c 16 -j 2 -T "$SECONDS_PER_RUN" -f "$work/$table.sql" "$DB" 2>&1)"
        tps="$(printf '%s\n' "$out" | sed -nE 's/^tps = ([0-9.]+).*/\1/p')"
        lat="$(printf '%s\n' "$out" | sed -nE 's/^latency average = (.*)$/\1/p')"
        printf '%-10s %-6s %12.0f %14s\n' "$table" "$round" "$tps" "$lat"
    done
done
