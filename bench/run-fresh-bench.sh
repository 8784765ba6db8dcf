#!/usr/bin/env bash
# A new shop's first minute (bench/run-bench.sh with BENCH_FRESH=1 runs this): creates per second on
# an EMPTY, freshly migrated database (no seed), the first 10 s against the steady rate.
#
#   BENCH_STORE=postgresql   a durable throwaway PostgreSQL, as bench/run-bench.sh starts one (port BENCH_PG_PORT)
#   BENCH_STORE=citus        a fresh database on every node of the Citus cluster BENCH_CITUS names (default
#                            the local one: Host=127.0.0.1;Port=9700;Username=postgres), distributed by owner
#                            by the app's own migrations, as the tests' CitusDatabase fixture does; dropped after
#   BENCH_RUNS=3             three tries, each on a new empty database
#   BENCH_FRESH_SECONDS=70   the length of each try; BENCH_CONNECTIONS=64 clients
#   Storage__AnalyzeNewTablesAfterCreates=0   the raw path without the app's first ANALYZE (the behaviour before it)
#   BENCH_FRESH_CONTROL=1    after each try, the same procedure again on that try's database, now full and
#                            analyzed: how far the procedure itself (a new process and pool on a busy machine)
#                            keeps the first 10 s below the last on a database that is not new
#
# The load is the raw create path (bench/Orders.Bench fresh: the store's own create batch, data source
# and first ANALYZE, no HTTP), warmed up first on a second database so .NET's JIT is not counted.
# "First 10 s" is seconds 1-10 of the load; "steady" its last 10 s: autovacuum visits a new database
# within autovacuum_naptime (60 s), so by then the tables have statistics with or without the app's
# ANALYZE (each try prints when they were first analyzed). Numbers only: nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
store=${BENCH_STORE:-postgresql}
runs=${BENCH_RUNS:-1}
seconds=${BENCH_FRESH_SECONDS:-70}
connections=${BENCH_CONNECTIONS:-64}
pg_port=${BENCH_PG_PORT:-25433}
out=${BENCH_OUT:-"$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-fresh-$store"}
mkdir -p "$out"
log() { printf '== %s\n' "$*" | tee -a "$out/summary.txt"; }
export PGOPTIONS="-c client_min_messages=warning"   # Citus notes every CREATE DATABASE it does not propagate
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL's binaries (psql, and the server for BENCH_STORE=postgresql) are needed" >&2; exit 2; }

log "building Release"
dotnet build bench/Orders.Bench -c Release -v q -nologo >"$out/build.log"
bench=(dotnet "$root/bench/Orders.Bench/bin/Release/net10.0/Orders.Bench.dll")

databases=()   # "server-connection name" pairs to drop at the end
pg_data=""
cleanup() {
  local entry
  for entry in "${databases[@]}"; do
    "$pg_bin/psql" "${entry% *}" -X -q -c "DROP DATABASE IF EXISTS ${entry##* } WITH (FORCE)" >/dev/null 2>&1 || log "could not drop ${entry##* }"
  done
  if [ -n "$pg_data" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
trap cleanup EXIT

# libpq's key=value form of a Npgsql-style "Host=…;Port=…;Username=…" string, for psql.
libpq() { echo "$1" | tr ';' '\n' | sed -e 's/^Host=/host=/I' -e 's/^Port=/port=/I' -e 's/^Username=/user=/I' -e 's/^Password=/password=/I' | grep -E '^(host|port|user|password)=' | tr '\n' ' '; }

case "$store" in
  postgresql)
    pg_data=$(mktemp -d /tmp/orders-fresh-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
    as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C >"$out/initdb.log"
    # The durable settings of bench/run-bench.sh; autovacuum as PostgreSQL ships it.
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start -o \
      "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_data -c fsync=on -c synchronous_commit=on -c shared_buffers=1GB -c max_connections=300" >/dev/null
    servers=("Host=127.0.0.1;Port=$pg_port;Username=postgres")
    ;;
  citus)
    citus=${BENCH_CITUS:-"Host=127.0.0.1;Port=9700;Username=postgres"}
    servers=("$citus")
    while IFS='|' read -r host port; do
      servers+=("Host=$host;Port=$port;Username=postgres")
    done < <("$pg_bin/psql" "$(libpq "$citus") dbname=postgres" -X -At -c "SELECT node_name, node_port FROM citus_get_active_worker_nodes() ORDER BY 1, 2")
    ;;
  *) echo "BENCH_STORE must be postgresql or citus, not $store" >&2; exit 2 ;;
esac

new_database() { # name: on every server; on Citus each node gets the extension and the coordinator the nodes
  local server first=1
  for server in "${servers[@]}"; do
    "$pg_bin/psql" "$(libpq "$server") dbname=postgres" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" >/dev/null
    databases+=("$(libpq "$server") dbname=postgres $1")
    [ "$store" = citus ] && "$pg_bin/psql" "$(libpq "$server") dbname=$1" -X -q -c "CREATE EXTENSION citus" >/dev/null
  done
  if [ "$store" = citus ]; then
    local coordinator=("$pg_bin/psql" "$(libpq "${servers[0]}") dbname=$1" -X -q -v ON_ERROR_STOP=1)
    "${coordinator[@]}" -c "SELECT citus_set_coordinator_host('$(echo "${servers[0]}" | sed -n 's/.*Host=\([^;]*\).*/\1/p')', $(echo "${servers[0]}" | sed -n 's/.*Port=\([^;]*\).*/\1/p'))" >/dev/null
    for server in "${servers[@]:1}"; do
      "${coordinator[@]}" -c "SELECT citus_add_node('$(echo "$server" | sed -n 's/.*Host=\([^;]*\).*/\1/p')', $(echo "$server" | sed -n 's/.*Port=\([^;]*\).*/\1/p'))" >/dev/null
    done
  fi
}

id=$(date +%s)
warm="orders_fresh_warm_$id"
new_database "$warm"
log "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $store; ${Storage__AnalyzeNewTablesAfterCreates:+Storage__AnalyzeNewTablesAfterCreates=$Storage__AnalyzeNewTablesAfterCreates; }$connections clients, $seconds s a try"
printf 'try\tfirst_10s_per_s\tsteady_per_s\tratio\tfirst_analyzed_s\terrors\tload\n' >"$out/fresh.tsv"
summarize() { # label file description
  local line
  line=$(awk -F'\t' -v s="$seconds" -v run="$1" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    $1 == "SECOND" && $2 <= 10 { first += $3 }
    $1 == "SECOND" && $2 > s - 10 { steady += $3 }
    $1 == "SECOND" && analyzed == "" && $4 >= 2 { analyzed = $2 }
    $1 == "RESULT" { errors = $6 }
    END { printf "%s\t%.0f\t%.0f\t%.2f\t%s\t%s\t%s\n", run, first / 10, steady / 10, (steady > 0 ? first / steady : 0), (analyzed == "" ? "never" : analyzed), errors, load }' "$2")
  echo "$line" >>"$out/fresh.tsv"
  log "$3: first 10 s $(echo "$line" | cut -f2)/s, steady (last 10 s) $(echo "$line" | cut -f3)/s, ratio $(echo "$line" | cut -f4), tables first analyzed in second $(echo "$line" | cut -f5), $(echo "$line" | cut -f6), load $(echo "$line" | cut -f7)"
  log "   creates per second: $(awk -F'\t' '$1 == "SECOND" { printf "%s ", $3 }' "$2")"
}
for run in $(seq 1 "$runs"); do
  fresh="orders_fresh_${id}_$run"
  new_database "$fresh"
  stats=()   # where autovacuum's work shows: the database itself, or (Citus) each worker's shards
  if [ "$store" = citus ]; then
    for server in "${servers[@]:1}"; do stats+=("$server;Database=$fresh;Options=-c citus.override_table_visibility=off"); done
  else
    stats+=("${servers[0]};Database=$fresh")
  fi
  "${bench[@]}" fresh "${servers[0]};Database=$fresh" "${servers[0]};Database=$warm" "$connections" "$seconds" "fresh-$id-$run" "${stats[@]}" >"$out/try-$run.txt"
  summarize "$run" "$out/try-$run.txt" "try $run"
  if [ -n "${BENCH_FRESH_CONTROL:-}" ]; then
    "${bench[@]}" fresh "${servers[0]};Database=$fresh" "${servers[0]};Database=$warm" "$connections" "$seconds" "control-$id-$run" "${stats[@]}" >"$out/control-$run.txt"
    summarize "$run-control" "$out/control-$run.txt" "control $run (the same database again, not new)"
  fi
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
log "results in $out"
