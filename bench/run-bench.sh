#!/usr/bin/env bash
# The benchmark: the API (Release) against a durable throwaway PostgreSQL (or, with
# BENCH_STORE=sqlserver, a fresh database on an existing TDS engine), loaded by wrk, next to
# the raw path (bench/Orders.Bench: the store's own SQL through Dapper, no HTTP) and the floor
# (bench/Orders.Bench/Floor.cs: the same URLs and store with our application code taken out) on the
# same database at the same concurrency; at each table size in BENCH_SCALES. Writes everything,
# the chart included, to bench/results/<time>/ (results.tsv, table.md, wrk output, logs); it never
# touches a tracked file (docs/benchmarks.md takes its figures from table.md by hand, dated).
#
#   BENCH_SECONDS=20  BENCH_CONNECTIONS=64  BENCH_SCALES="10000 1000000"  BENCH_STORM=1000
#   BENCH_SCENARIOS="create duplicate lookup not-modified change cancel"   the scenarios, in this order
#                         (any subset): POST a new order (201), POST a stored one (409), GET one (200), GET
#                         it with a matching If-None-Match (304), PATCH its address under its ETag (200),
#                         cancel it (200). change and cancel are PostgreSQL's only for now.
#   BENCH_TARGETS         orders bulk-loaded for change and cancel (tx-1 …, by bench/sql/seed.sql; default
#                         20,000 × BENCH_SECONDS): each request spends one, and every change or cancel run, on
#                         every path, starts from tx-1 after bench/sql/reset-targets.sql put them back. They
#                         are loaded after the first scale's other scenarios, so those see the table as before.
#   BENCH_PG_PORT=25433  BENCH_API_PORT=25480  BENCH_FLOOR_PORT=25481   (below Linux's ephemeral range,
#                         32768-60999, which wrk's, the storm's and every other client's sockets draw from)
#   BENCH_RUNS=3          the whole benchmark three times (fresh database and processes each time), then
#                         summary.md with the median (min–max) of every figure
#   BENCH_WARMUP_MIN=4 BENCH_WARMUP_ROUNDS=10   warm-up rounds per server, at least and at most (see warm_up)
#   BENCH_CONNECTION_EXTRA="Max Auto Prepare=0"   appended to the connection string of every path
#   BENCH_SPLIT_CORES=1   PostgreSQL on core 0, everything else (API, floor, wrk, raw client) on core 1:
#                         the production shape (database on its own machine) in miniature, see docs/benchmarks.md
#   BENCH_STORE=sqlserver  the SQL Server store instead of PostgreSQL (default postgresql): a database made
#                         for the run on the engine BENCH_SQLSERVER names (default: the local Babelfish on
#                         127.0.0.1,1433), migrated by the API, seeded by bench/sql/seed-sqlserver.sql,
#                         dropped at the end. Its CPU is read from the engine's postmaster.pid (Babelfish is
#                         PostgreSQL), BENCH_DB_PIDFILE (default /var/lib/babelfish/data/postmaster.pid); on a
#                         shared engine that includes every other session's work. Compare API with raw on the
#                         one engine, never Babelfish's figures with PostgreSQL's or SQL Server's.
#   BENCH_TRACING=1       the API with tracing on, every request sampled (OTEL_TRACES_SAMPLER=always_on),
#                         exporting over OTLP/HTTP to bench/otlp-sink.py on 127.0.0.1:BENCH_OTLP_PORT (25482)
#   BENCH_REPLAY=1        also the replay comparison (PostgreSQL only): a store-and-replay server
#                         (bench/Orders.Bench/Replay.cs, Brandur Leach's idempotency_keys design) next to the
#                         floor on the same database after the last scale: create, duplicate (its replay vs
#                         our 409), in-flight pairs, round trips, bytes per order and a SIGKILL ledger
#                         (bench/replay-bench.sh, its header); writes replay.md
#   BENCH_FRESH=1         a new database's first minute instead: creates/s in the first 10 s of an empty one
#                         against its steady rate, on PostgreSQL or Citus (bench/run-fresh-bench.sh, its header)
#   BENCH_PERF=1          a CPU profile of the API and the floor in every measured run (Linux perf, with
#                         the runtime's perf map for JIT-compiled code): perf-<scenario>-<path>.data,
#                         read with `perf report -i FILE`, and perf-breakdown.md: each profile in buckets
#                         (kernel, Npgsql, token validation, our code, ...), ms per request, API next to
#                         the floor (bench/perf-breakdown.py)
#
# Installs what it lacks (wrk, PostgreSQL server binaries for the PostgreSQL store) with apt. Loopback only.
set -euo pipefail
if [ -n "${BENCH_FRESH:-}" ]; then exec bash "$(dirname "$0")/run-fresh-bench.sh"; fi
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${BENCH_SECONDS:-20}
connections=${BENCH_CONNECTIONS:-64}
scales=${BENCH_SCALES:-"10000 1000000"}
storm=${BENCH_STORM:-1000}
pg_port=${BENCH_PG_PORT:-25433}
api_port=${BENCH_API_PORT:-25480}
floor_port=${BENCH_FLOOR_PORT:-25481}
run_id=$(date -u +%Y%m%dT%H%M%SZ)${BENCH_SPLIT_CORES:+-split}
runs=${BENCH_RUNS:-1}
store=${BENCH_STORE:-postgresql}
case "$store" in postgresql|sqlserver) ;; *) echo "BENCH_STORE must be postgresql or sqlserver, not $store" >&2; exit 2 ;; esac
default_scenarios="create duplicate lookup not-modified change cancel"
[ "$store" = sqlserver ] && default_scenarios="create duplicate lookup not-modified"
scenarios=${BENCH_SCENARIOS:-$default_scenarios}
for scenario in $scenarios; do
  case "$scenario" in
    create|duplicate|lookup|not-modified) ;;
    change|cancel) [ "$store" = postgresql ] || { echo "$scenario: PostgreSQL only for now (no raw path or targets for $store)" >&2; exit 2; } ;;
    *) echo "unknown scenario $scenario in BENCH_SCENARIOS" >&2; exit 2 ;;
  esac
done
targets=${BENCH_TARGETS:-$((seconds * 20000))}
if [ "$runs" -gt 1 ]; then
  # Each run is this script again, start to end, in a directory of its own; then the spread.
  parent="$root/bench/results/$run_id"
  mkdir -p "$parent"
  for run in $(seq 1 "$runs"); do
    BENCH_RUNS=1 BENCH_OUT="$parent/run-$run" bash "$0"
  done
  dotnet "$root/bench/Orders.Bench/bin/Release/net10.0/Orders.Bench.dll" summary "$parent/summary.md" "$parent"/run-*
  cat "$parent/summary.md"
  echo "== results in $parent"
  exit 0
fi
# Empty unless BENCH_SPLIT_CORES: then a prefix that keeps a command (and its children) on one core.
db_core=(); app_core=()
if [ -n "${BENCH_SPLIT_CORES:-}" ]; then db_core=(taskset -c 0); app_core=(taskset -c 1); fi
out=${BENCH_OUT:-"$root/bench/results/$run_id"}
mkdir -p "$out"
results="$out/results.tsv"
log() { printf '== %s\n' "$*" | tee -a "$out/summary.txt"; }
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ "$store" = sqlserver ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ -n "${BENCH_PERF:-}" ]; then
  command -v perf >/dev/null || missing+=(linux-perf)
  command -v python3 >/dev/null || missing+=(python3)
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

log "building Release"
dotnet build src/Orders.Api -c Release -v q -nologo >"$out/build.log"
dotnet build bench/Orders.Bench -c Release -v q -nologo >>"$out/build.log"
api_dir="$root/src/Orders.Api/bin/Release/net10.0"
bench=(dotnet "$root/bench/Orders.Bench/bin/Release/net10.0/Orders.Bench.dll")

api_pid=""; floor_pid=""; pg_data=""; sqlserver_db=""; sink_pid=""
stop_servers() {
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  [ -n "$floor_pid" ] && kill "$floor_pid" 2>/dev/null && wait "$floor_pid" 2>/dev/null
  [ -n "${replay_pid:-}" ] && kill "$replay_pid" 2>/dev/null && wait "$replay_pid" 2>/dev/null
  [ -n "${survivor_pid:-}" ] && kill "$survivor_pid" 2>/dev/null && wait "$survivor_pid" 2>/dev/null
  return 0
}
if [ "$store" = postgresql ]; then
  provider=PostgreSql
  # Durable on purpose (fsync, synchronous_commit and full_page_writes on, PostgreSQL's defaults):
  # a create's cost includes its WAL flush, as in production. 1 GB of shared buffers holds 1M orders.
  pg_data=$(mktemp -d /tmp/orders-bench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
  cleanup() {
    stop_servers
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    cp "$pg_data/server.log" "$out/postgresql.log" 2>/dev/null || true
    rm -rf "$pg_data"
  }
  trap cleanup EXIT
  as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C >"$out/initdb.log"
  as_postgres "${db_core[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start -o \
    "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_data -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=1GB -c max_connections=300" >/dev/null
  psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q -X)
  "${psql[@]}" -d postgres -c "CREATE DATABASE orders"
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orders${BENCH_CONNECTION_EXTRA:+;$BENCH_CONNECTION_EXTRA}"
  db_pidfile=${BENCH_DB_PIDFILE:-$pg_data/postmaster.pid}
  engine="PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }')"  # "postgres (PostgreSQL) 15.18 (Debian …)"
  seed_orders() { "${psql[@]}" -d orders -v from="$1" -v to="$2" -v prefix=seed- -v fixed_ids=false -f bench/sql/seed.sql; }
  seed_targets() { "${psql[@]}" -d orders -v from=1 -v to="$targets" -v prefix=tx- -v fixed_ids=true -f bench/sql/seed.sql; }
  reset_targets() { "${psql[@]}" -d orders -f bench/sql/reset-targets.sql; }
  count_orders() { "${psql[@]}" -d orders -At -c 'SELECT count(*) FROM orders'; }
else
  provider=SqlServer
  # An existing engine, shared: only the database is this run's. BENCH_SPLIT_CORES cannot pin it.
  sqlserver=${BENCH_SQLSERVER:-'Server=127.0.0.1,1433;User ID=babelfish_user;Password=Orders-Dev-1!;Encrypt=False;TrustServerCertificate=True'}
  cleanup() {
    stop_servers
    [ -z "$sqlserver_db" ] || "${bench[@]}" sqlserver-drop-database "$sqlserver" "$sqlserver_db" || log "could not drop $sqlserver_db"
  }
  trap cleanup EXIT
  engine=$("${bench[@]}" sqlserver-engine "$sqlserver")
  sqlserver_db=$("${bench[@]}" sqlserver-create-database "$sqlserver")
  log "database $sqlserver_db on $engine"
  connection="$sqlserver;Database=$sqlserver_db${BENCH_CONNECTION_EXTRA:+;$BENCH_CONNECTION_EXTRA}"
  db_pidfile=${BENCH_DB_PIDFILE:-/var/lib/babelfish/data/postmaster.pid}
  seed_orders() { "${bench[@]}" sqlserver-run "$connection" bench/sql/seed-sqlserver.sql "$1" "$2" >/dev/null; }
  count_orders() { "${bench[@]}" sqlserver-run "$connection" <(echo 'SELECT count(*) FROM dbo.orders') 0 0; }
fi

# Authenticated as in production: a signing key made for this run, a token for the seeded owner
# (wrk, the storm and curl send it). The per-owner rate limiter runs, as in production, but with a
# budget no run exhausts: one owner sends all the load.
signing_key=$(head -c 32 /dev/urandom | base64)
export BENCH_TOKEN; BENCH_TOKEN=$("${bench[@]}" token "$signing_key")

# The runtime writes /tmp/perf-<pid>.map, which perf needs to name JIT-compiled methods; perf can
# match it only to code that is not double-mapped (W^X off, for profiled runs alone).
perf_env=(); [ -n "${BENCH_PERF:-}" ] && perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
tracing_env=()
if [ -n "${BENCH_TRACING:-}" ]; then
  otlp_port=${BENCH_OTLP_PORT:-25482}
  python3 "$root/bench/otlp-sink.py" "$otlp_port" >"$out/otlp-sink.log" 2>&1 &
  sink_pid=$!
  tracing_env=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$otlp_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_TRACES_SAMPLER=always_on)
fi
log "starting the API (Release) on 127.0.0.1:$api_port${BENCH_TRACING:+, tracing on}"
(cd "$api_dir" && Storage__Provider=$provider ConnectionStrings__Orders="$connection" Logging__LogLevel__Default=Warning \
  Authentication__Schemes__Bearer__ValidIssuer=orders-bench Authentication__Schemes__Bearer__ValidAudiences__0=orders-api-bench \
  Authentication__Schemes__Bearer__SigningKeys__0__Issuer=orders-bench Authentication__Schemes__Bearer__SigningKeys__0__Value="$signing_key" \
  RateLimiting__PermitsPerSecond=1000000 RateLimiting__Burst=1000000 exec env "${perf_env[@]}" "${tracing_env[@]}" "${app_core[@]}" dotnet Orders.Api.dll --urls "http://127.0.0.1:$api_port") >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 300); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BENCH_TOKEN" "http://127.0.0.1:$api_port/orders/ready" || true)
  [ "$code" = 404 ] && break
  sleep 0.2
done
[ "$code" = 404 ] || { log "the API did not start"; cat "$out/api.log"; exit 1; }

# The floor: the benchmark's own minimal server on the API's runtimeconfig.json (GC, thread pool,
# tiering) and the API's storage settings, so the two differ only in our application code.
# bench_server name port [env...]: one of the benchmark's own servers (floor, replay), in the background
# ($!), on the API's runtimeconfig.json and storage settings; bench_ready name port waits for its 404.
bench_server() {
  local name=$1 port=$2; shift 2
  Storage__Provider=$provider ConnectionStrings__Orders="$connection" Logging__LogLevel__Default=Warning \
    env "$@" "${perf_env[@]}" "${app_core[@]}" dotnet exec --runtimeconfig "$api_dir/Orders.Api.runtimeconfig.json" "${bench[1]}" "$name" "http://127.0.0.1:$port" \
    >>"$out/$name.log" 2>&1 &
}
bench_ready() {
  local code=""
  for _ in $(seq 1 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/orders/ready" || true)
    [ "$code" = 404 ] && return 0
    sleep 0.1
  done
  log "the $1 did not start"; cat "$out/$1.log"; exit 1
}
start_floor() { bench_server floor "$floor_port"; floor_pid=$!; bench_ready floor "$floor_port"; }
log "starting the floor on 127.0.0.1:$floor_port"
start_floor

# CPU seconds (clock ticks) a process has used, with its reaped children: utime stime cutime cstime.
ticks_of() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The database's (PostgreSQL, or Babelfish, which is PostgreSQL under its TDS endpoint): the
# postmaster (whose reaped children are included) and every live server process.
pg_ticks() {
  local postmaster total pid
  postmaster=$(head -n 1 "$db_pidfile")
  total=$(ticks_of "$postmaster")
  for pid in $(ps -o pid= --ppid "$postmaster"); do total=$((total + $(ticks_of "$pid"))); done
  echo "$total"
}
pg_children() { ps -o pid= --ppid "$(head -n 1 "$db_pidfile")" | wc -l; }
# ms of CPU per operation from a tick delta, for the notes column (server=, db=, client=).
per_op() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }'; }

label() { case "$1" in 1000000) echo 1M ;; *000) echo "$(( $1 / 1000 ))k" ;; *) echo "$1" ;; esac; }

api_run() { # scale scenario seconds tag [port]: the API unless a port is given
  local file="$out/wrk-$2-$(label "$1")${4:-}.txt"
  # The tag keeps a warm-up's new references apart from the measured run's.
  local attempt
  # wrk 4.1 has been seen to die without a word now and then; one more try, with a fresh tag.
  local TIMEFORMAT='WRK_CPU %U %S'   # bash's `time`: wrk's own CPU seconds, appended to its output
  for attempt in 1 2; do
    # A retry of a change or cancel would meet the targets its first try spent: put them back first.
    [ "$attempt" = 1 ] || prepare "$2"
    { time BENCH_WRK_DIR="$root/bench/wrk" BENCH_RUN_ID="$run_id-$(label "$1")${4:-}-$attempt" BENCH_SEEDED="$1" BENCH_WRK_THREADS=2 \
      "${app_core[@]}" wrk -t2 -c"$connections" -d"$3s" -s "bench/wrk/$2.lua" "http://127.0.0.1:${5:-$api_port}" >"$file" 2>&1; } 2>>"$file" && return 0
    log "wrk $2 failed (exit $?), attempt $attempt"
  done
  return 1
}
prepare() { # scenario: a change or cancel run starts with every target fresh, whichever path ran before
  case "$1" in change|cancel) settle; reset_targets ;; esac
}
settle() {
  # A request of the last run still on its way to the database when wrk stopped can commit after the
  # reset has passed its order over (seen on a machine at load 70: 3 targets came back cancelled, and
  # the next change got 409). So the reset waits until no other session is running a statement.
  local _
  sleep 0.5
  for _ in $(seq 1 100); do
    [ "$("${psql[@]}" -d orders -At -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")" = 0 ] && return 0
    sleep 0.1
  done
}
server_run() { # scale scenario path pid port: one measured wrk run against the API or the floor
  # Where the CPU goes (the 2-core machine's real limit): the server process, PostgreSQL and the load
  # generator, in ms per operation over the measured run.
  local file="$out/wrk-$2-$(label "$1")-$3.txt" cpu0 pg0 cpu1 pg1 ops wrk_cpu result
  prepare "$2"
  cpu0=$(ticks_of "$4"); pg0=$(pg_ticks)
  local profiler=""
  if [ -n "${BENCH_PERF:-}" ]; then
    perf record -q -F 499 -g -p "$4" -o "$out/perf-$2-$3.data" -- sleep "$seconds" >/dev/null 2>&1 &
    profiler=$!
  fi
  api_run "$1" "$2" "$seconds" "-$3" "$5"
  [ -z "$profiler" ] || wait "$profiler" || true
  cpu1=$(ticks_of "$4"); pg1=$(pg_ticks)
  result=$(grep '^RESULT' "$file" | cut -f2-)
  ops=$(echo "$result" | cut -f4)
  wrk_cpu=$(awk -v hz="$(getconf CLK_TCK)" '/^WRK_CPU/ { printf "%d", ($2 + $3) * hz }' "$file")
  printf '%s\t%s\t%s\t%s server=%s db=%s client=%s\n' "$(label "$1")" "$2" "$3" "$result" \
    "$(per_op $((cpu1 - cpu0)) "$ops")" "$(per_op $((pg1 - pg0)) "$ops")" "$(per_op "$wrk_cpu" "$ops")" >>"$results"
}
measure() { # scale scenario
  local pg0 pg1 ops raw children
  server_run "$1" "$2" api "$api_pid" "$api_port"
  server_run "$1" "$2" floor "$floor_pid" "$floor_port"
  prepare "$2"
  pg0=$(pg_ticks)
  # The raw tool reports its own CPU (client=).
  children=$(pg_children)
  raw=$("${app_core[@]}" "${bench[@]}" raw "$store" "$2" "$connection" "$connections" "$seconds" "$1" "$run_id-$(label "$1")" | grep '^RESULT' | cut -f2-)
  # The raw tool's server processes end after it does, and their CPU counts (as the postmaster's
  # reaped children) only once the postmaster has reaped them: read too early, with the database on
  # its own busy core, the raw path's PostgreSQL CPU came out as about 0.
  for _ in $(seq 1 100); do [ "$(pg_children)" -le "$children" ] && break; sleep 0.1; done
  pg1=$(pg_ticks)
  ops=$(echo "$raw" | cut -f4)
  printf '%s\t%s\traw\t%s db=%s\n' "$(label "$1")" "$2" "$raw" "$(per_op $((pg1 - pg0)) "$ops")" >>"$results"
  log "$(label "$1") $2: api $(tail -n 3 "$results" | head -n 1 | cut -f4-6) | floor $(tail -n 2 "$results" | head -n 1 | cut -f4-6) | raw $(tail -n 1 "$results" | cut -f4-6) | load $(cut -d' ' -f1 /proc/loadavg)"
  # Every answer must be the scenario's one status, with no socket error; anything else is flagged.
  local expected; expected=$(case "$2" in create) echo 201 ;; duplicate) echo 409 ;; lookup|change|cancel) echo 200 ;; not-modified) echo 304 ;; esac)
  tail -n 3 "$results" | cut -f8 | tr ' ' '\n' | grep -vE "^($expected=[0-9]+|socket_errors=0|errors=0|(server|db|client)=[0-9.]+)$" \
    | sed "s/^/   UNEXPECTED in $2: /" | tee -a "$out/summary.txt" || true
}
warm_up() { # scale name pid port
  # A fresh .NET process runs its hot paths unoptimised (and instrumented) until tiered compilation
  # has recompiled them, and on two busy cores that takes tens of seconds: a create measured then
  # cost 3-5 times its settled CPU (docs/benchmarks.md). So: at least BENCH_WARMUP_MIN rounds of all
  # three scenarios (about 10 s each; tiering took 4-6 of them on a busy 2-core machine), then more
  # until the server's CPU per request moves by less than 10% from one round to the next (at most
  # BENCH_WARMUP_ROUNDS), logged, so that a slow start is seen rather than measured.
  local round ticks0 ticks1 ops cpu previous="" trail="" scenario
  for round in $(seq 1 "${BENCH_WARMUP_ROUNDS:-10}"); do
    ticks0=$(ticks_of "$3"); ops=0
    for scenario in $warm_up_scenarios; do
      api_run "$1" "$scenario" 3 "-warm-up-$2-$round" "$4" || true
      ops=$((ops + $(grep '^RESULT' "$out/wrk-$scenario-$(label "$1")-warm-up-$2-$round.txt" | cut -f5 || echo 0)))
    done
    ticks1=$(ticks_of "$3")
    cpu=$(per_op $((ticks1 - ticks0)) "$ops")
    trail="$trail $cpu"
    if [ "$round" -ge "${BENCH_WARMUP_MIN:-4}" ] && awk -v a="$previous" -v b="$cpu" 'BEGIN { exit !(a > 0 && b > 0 && a / b < 1.1 && b / a < 1.1) }'; then
      break
    fi
    previous=$cpu
  done
  log "$(label "$1") $2 warm-up, CPU ms per request by round:$trail"
}
# The rounds above run the scenarios that need no targets (lookup if none is asked for); change and
# cancel get one round each once their targets are loaded (warm_up_transitions).
warm_up_scenarios=$(for scenario in $scenarios; do case "$scenario" in change|cancel) ;; *) echo "$scenario" ;; esac; done | xargs)
[ -n "$warm_up_scenarios" ] || warm_up_scenarios=lookup
transition_scenarios=$(for scenario in $scenarios; do case "$scenario" in change|cancel) echo "$scenario" ;; esac; done | xargs)
warm_up_transitions() { # scale name port
  local scenario
  for scenario in $transition_scenarios; do
    prepare "$scenario"
    api_run "$1" "$scenario" "${BENCH_TX_WARMUP_SECONDS:-5}" "-warm-up-$2-tx" "$3" || true
  done
}

log "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $engine, $(pg_children) server processes"
stored=0; targets_loaded=0
for scale in $scales; do
  log "bulk-loading orders $((stored + 1)) to $scale"
  seed_orders $((stored + 1)) "$scale"
  stored=$scale
  warm_up "$scale" api "$api_pid" "$api_port"
  warm_up "$scale" floor "$floor_pid" "$floor_port"
  for scenario in $warm_up_scenarios; do
    case " $scenarios " in *" $scenario "*) measure "$scale" "$scenario" ;; esac
  done
  if [ -n "$transition_scenarios" ]; then
    if [ "$targets_loaded" = 0 ]; then
      log "bulk-loading $targets transition targets"
      seed_targets
      targets_loaded=1
    fi
    warm_up_transitions "$scale" api "$api_port"
    warm_up_transitions "$scale" floor "$floor_port"
    for scenario in $transition_scenarios; do
      measure "$scale" "$scenario"
    done
  fi
  if [ "$scale" = "$(echo "$scales" | cut -d' ' -f1)" ]; then
    storm_line=$("${app_core[@]}" "${bench[@]}" storm "http://127.0.0.1:$api_port" "$storm" "storm-$run_id")
    echo "$storm_line" | cut -f2 >"$out/storm.txt"
    log "storm: $storm_line"
  fi
  grep VmHWM /proc/$api_pid/status | awk '{ printf "%.0f\n", $2 / 1024 }' >"$out/rss.txt"
  log "API peak RSS so far: $(cat "$out/rss.txt") MiB"
done
if [ -n "${BENCH_REPLAY:-}" ]; then
  # Replay against always 409, on the last scale's database: bench/replay-bench.sh, its header.
  # shellcheck source=replay-bench.sh
  source "$root/bench/replay-bench.sh"
fi
log "orders stored at the end: $(count_orders)"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

chart="benchmarks${BENCH_SPLIT_CORES:+-split}.svg"
"${bench[@]}" report "$results" "$out/table.md" "$out/$chart" \
  "Orders API vs raw Dapper on $engine, $connections connections, $(nproc) cores ($run_id)"
cat "$out/table.md" | tee -a "$out/summary.txt"
if [ -n "${BENCH_PERF:-}" ]; then
  # The profiles in buckets (kernel, Npgsql, token validation, our code, ...), API next to the floor.
  python3 "$root/bench/perf-breakdown.py" "$out" >"$out/perf-breakdown.md" && tee -a "$out/summary.txt" <"$out/perf-breakdown.md"
fi
log "results and chart in $out"
