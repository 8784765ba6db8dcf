# Replay against "always 409": sourced by bench/run-bench.sh when BENCH_REPLAY=1 (PostgreSQL only), after
# its last scale, with its database, floor, functions and settings. Never run on its own.
#
# Starts the replay server (bench/Orders.Bench/Replay.cs: Brandur Leach's idempotency_keys design, its
# table made by bench/sql/replay-keys.sql) next to the floor (ours: the unique index is the lock, the
# in-progress state and the record) and measures both, one after the other on the same database:
#   create            new references (201), wrk as in the main run: ops/s, p50/p99, CPU ms per request of
#                     the server and of PostgreSQL, and transactions per request (pg_stat_database; each
#                     transaction here is one batch, one round trip)
#   placed-duplicate  references the same server placed before (BENCH_REPLAY_PLACED of them): ours 409
#                     with the order, the replay the stored 201
#   in-flight         BENCH_REPLAY_PAIRS pairs of identical requests sent at once (16 pairs at a time):
#                     what each side of a pair got, and how long the later answer took
#   bytes per order   pg_total_relation_size of orders + order_lines ÷ orders, and of idempotency_keys ÷ keys
#   SIGKILL ledger    two servers of one design (a fleet in miniature, the second on BENCH_REPLAY_PORT + 1),
#                     16 retrying checkouts (bench/Orders.Bench/ReplayClients.cs, retry-load) sending each
#                     try to the next server, while one is killed with SIGKILL BENCH_REPLAY_KILLS times,
#                     BENCH_REPLAY_UP seconds after it is back, and restarted at once: keys left locked
#                     after each kill, keys recovered after the lease, what the checkouts finally got,
#                     and how long the retried ones waited
#
#   BENCH_REPLAY_PORT=25483  BENCH_REPLAY_LEASE=5 (seconds a holder's lock counts as alive)
#   BENCH_REPLAY_PLACED=5000  BENCH_REPLAY_PAIRS=2000  BENCH_REPLAY_KILLS=5  BENCH_REPLAY_UP=4
# Writes replay.md (and replay-results.tsv, the ledger's and the clients' output) to the run's directory.
[ "$store" = postgresql ] || { log "BENCH_REPLAY: PostgreSQL only"; exit 2; }
replay_port=${BENCH_REPLAY_PORT:-25483}
replay_lease=${BENCH_REPLAY_LEASE:-5}
export BENCH_PLACED=${BENCH_REPLAY_PLACED:-5000}
replay_pairs=${BENCH_REPLAY_PAIRS:-2000}
replay_kills=${BENCH_REPLAY_KILLS:-5}
replay_up=${BENCH_REPLAY_UP:-4}
replay_md="$out/replay.md"
sql() { "${psql[@]}" -d orders -At -c "$1"; }
"${psql[@]}" -d orders -f bench/sql/replay-keys.sql
start_replay() { bench_server replay "$replay_port" Replay__LeaseSeconds="$replay_lease"; replay_pid=$!; bench_ready replay "$replay_port"; }
log "replay: starting the replay server on 127.0.0.1:$replay_port (lease $replay_lease s)"
start_replay
pid_of() { if [ "$1" = floor ]; then echo "$floor_pid"; else echo "$replay_pid"; fi; }
port_of() { if [ "$1" = floor ]; then echo "$floor_port"; else echo "$replay_port"; fi; }
# Committed and rolled-back transactions of the database so far. A backend that has gone idle flushes
# its counts within 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL), hence the pause; the read's own
# transaction is the 1 taken off below.
xacts() { sleep 11; sql "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'orders'"; }

replay_scale=$(echo "$scales" | awk '{ print $NF }')
for path in floor replay; do
  log "replay: placing $BENCH_PLACED orders through the $path ($("${app_core[@]}" "${bench[@]}" place "http://127.0.0.1:$(port_of $path)" "placed-$path-" "$BENCH_PLACED" 32))"
  BENCH_PLACED_PREFIX="placed-$path-" warm_up_scenarios="create placed-duplicate" warm_up "$replay_scale" "$path-replay" "$(pid_of $path)" "$(port_of $path)"
done
main_results=$results
results="$out/replay-results.tsv"
{
  echo "## Replay against always 409 ($run_id, $(nproc) cores, $engine, $connections connections, ${seconds} s per run)"
  echo
  echo "| scenario | design | ops/s | p50 ms | p99 ms | server CPU ms/op | PostgreSQL CPU ms/op | transactions (round trips)/op | answers |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
} >"$replay_md"
x0=$(xacts)
for scenario in create placed-duplicate; do
  for path in floor replay; do
    # Tagged floor409 (not floor): the main run's floor already spent its create references.
    tag=$([ "$path" = floor ] && echo floor409 || echo replay)
    BENCH_PLACED_PREFIX="placed-$path-" server_run "$replay_scale" "$scenario" "$tag" "$(pid_of $path)" "$(port_of $path)"
    x1=$(xacts)
    line=$(tail -n 1 "$results")
    ops=$(echo "$line" | cut -f7)
    design=$([ "$path" = floor ] && echo "always 409 (floor)" || echo "replay")
    echo "$line" | awk -F'\t' -v s="$scenario" -v d="$design" -v x=$((x1 - x0 - 1)) -v n="$ops" -v load="$(cut -d' ' -f1 /proc/loadavg)" '{
      split($8, notes, " "); answers = ""; server = ""; db = ""
      for (i in notes) { if (notes[i] ~ /^server=/) server = substr(notes[i], 8); else if (notes[i] ~ /^db=/) db = substr(notes[i], 4); else if (notes[i] !~ /^client=/) answers = answers " " notes[i] }
      printf "| %s | %s | %s | %s | %s | %s | %s | %.2f | %s (load %s) |\n", s, d, $4, $5, $6, server, db, (n > 0 ? x / n : 0), answers, load }' >>"$replay_md"
    log "replay: $scenario $path: $(tail -n 1 "$replay_md")"
    x0=$x1
  done
done
results=$main_results

{
  echo
  echo "In-flight pairs: $replay_pairs pairs of identical requests sent at the same moment, 16 pairs at a time; what the two sides got (201r: the stored 201 replayed, 409i: in flight, retry later) and how long the later answer of a pair took."
  echo
  echo "| design | later answer | outcomes |"
  echo "|---|---|---|"
} >>"$replay_md"
for path in floor replay; do
  inflight=$("${app_core[@]}" "${bench[@]}" inflight "http://127.0.0.1:$(port_of $path)" "inflight-$path-" "$replay_pairs" 16)
  echo "| $path | $(echo "$inflight" | cut -f2) | $(echo "$inflight" | cut -f3) |" >>"$replay_md"
  log "replay: in-flight $path: $inflight"
done

orders_n=$(count_orders); keys_n=$(sql "SELECT count(*) FROM idempotency_keys")
{
  echo
  echo "Bytes stored, as the tables stand after the runs ($orders_n orders, $keys_n of them with a key row; no VACUUM):"
  sql "SELECT format('orders + order_lines %s bytes per order; idempotency_keys %s bytes per key (row alone, pg_column_size: %s); replay per order: %s',
         round((pg_total_relation_size('orders') + pg_total_relation_size('order_lines'))::numeric / $orders_n),
         round(pg_total_relation_size('idempotency_keys')::numeric / $keys_n),
         (SELECT round(avg(pg_column_size(k.*))) FROM idempotency_keys k),
         round((pg_total_relation_size('orders') + pg_total_relation_size('order_lines'))::numeric / $orders_n
               + pg_total_relation_size('idempotency_keys')::numeric / $keys_n))"
} >>"$replay_md"

# The ledger. After each kill: keys of the ledger's checkouts left locked and not finished (the
# replay), orders without their lines (ours; none can be: one transaction). At the end: keys taken
# over after the lease (last_run_at moved past created_at), keys still unfinished.
{
  echo
  echo "SIGKILL ledger: two servers of one design on the database, 16 retrying checkouts sending each try to the next server (retry every 100 ms, same reference and body); one server killed with SIGKILL $replay_kills times, $replay_up s after it is back, and restarted at once while the other serves; lease $replay_lease s."
  echo
  echo "| design | left locked after each kill | recovered after the lease | unfinished at the end | final answers | answers seen | retried orders, wait from first try to final answer |"
  echo "|---|---|---:|---:|---|---|---|"
} >>"$replay_md"
ledger_port=$((replay_port + 1))
for path in floor replay; do
  ledger_out="$out/ledger-$path.txt"
  # The survivor: a second server of the same design on its own port, for the whole ledger.
  bench_server "$path" "$ledger_port" Replay__LeaseSeconds="$replay_lease"; survivor_pid=$!; bench_ready "$path" "$ledger_port"
  "${app_core[@]}" "${bench[@]}" retry-load "http://127.0.0.1:$(port_of $path),http://127.0.0.1:$ledger_port" "ledger-$path-" 16 \
    $(( replay_kills * (replay_up + 8) + 2 )) >"$ledger_out" &
  load_pid=$!
  left=""
  for kill_number in $(seq 1 "$replay_kills"); do
    sleep "$replay_up"
    pid=$(pid_of $path)
    kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
    if [ "$path" = replay ]; then
      # The dead server's keys: locked before the kill, a second and more ago (the survivor's holders
      # of the moment lock and finish theirs within milliseconds; no lease has run out yet).
      sleep 1.5
      left="$left $(sql "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'ledger-replay-%' AND locked_at < now() - interval '1 second' AND recovery_point <> 'finished'")"
    else
      left="$left $(sql "SELECT count(*) FROM orders o WHERE client_reference LIKE 'ledger-floor-%' AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.owner_id = o.owner_id AND l.order_id = o.order_id)")"
    fi
    if [ "$path" = floor ]; then start_floor; else start_replay; fi
    log "replay: ledger $path kill $kill_number of $replay_kills"
  done
  wait "$load_pid"
  kill "$survivor_pid"; wait "$survivor_pid" 2>/dev/null || true
  if [ "$path" = replay ]; then
    recovered=$(sql "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'ledger-replay-%' AND last_run_at > created_at")
    unfinished=$(sql "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'ledger-replay-%' AND recovery_point <> 'finished'")
    left="keys:$left"
  else
    recovered="none needed"; unfinished="none (no key row)"; left="no lock; orders without lines:$left"
  fi
  ledger=$(cat "$ledger_out")
  echo "| $path | $left | $recovered | $unfinished | $(echo "$ledger" | cut -f2 | sed 's/^final: //') | $(echo "$ledger" | cut -f3 | sed 's/^answers seen: //') | $(echo "$ledger" | cut -f4) |" >>"$replay_md"
  log "replay: ledger $path: $(tail -n 1 "$replay_md")"
done
echo "Load average after the replay comparison: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$replay_md"
tee -a "$out/summary.txt" <"$replay_md"
