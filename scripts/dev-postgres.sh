#!/usr/bin/env bash
# A local PostgreSQL for development, in one step: a cluster of its own (not the distribution's
# service), listening on 127.0.0.1 only, with a role and a database `orders` the API can use.
#
#   scripts/dev-postgres.sh [start]   create it if needed, start it if stopped; print the export lines
#   scripts/dev-postgres.sh stop      stop it (the data stays for the next start)
#   scripts/dev-postgres.sh status    say whether it runs, and where
#   scripts/dev-postgres.sh remove    stop it and delete its data
#
# `start` is safe to run again at any time: it only does what is missing. Its standard output is
# nothing but the export lines, so `eval "$(scripts/dev-postgres.sh)"` sets them; progress goes to
# standard error. Needs the PostgreSQL server binaries (Debian package `postgresql`). As root it runs
# them as the `postgres` user, as initdb refuses root.
#
# Development only: local connections are trusted without a password. Settings (environment):
#   ORDERS_DEV_PGPORT   port (default 55432, away from a system server's 5432)
#   ORDERS_DEV_PGDATA   data directory (default: ~/.local/state/orders-api/postgres; as root the
#                       postgres user's home, /var/lib/postgresql/orders-dev, which it can reach)
set -euo pipefail

port=${ORDERS_DEV_PGPORT:-55432}
if [ "$(id -u)" = 0 ]; then
  data=${ORDERS_DEV_PGDATA:-$(getent passwd postgres | cut -d: -f6)/orders-dev}
else
  data=${ORDERS_DEV_PGDATA:-${XDG_STATE_HOME:-$HOME/.local/state}/orders-api/postgres}
fi

say() { printf 'dev-postgres: %s\n' "$*" >&2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  say "no PostgreSQL server binaries under /usr/lib/postgresql; install them (Debian: apt-get install postgresql)"
  exit 1
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }
# Over TCP as the superuser; trusted on this cluster, so it works from any local account.
sql() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -tA -c "$1"; }

create_cluster() {
  say "creating a cluster in $data"
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
  chmod 700 "$data"
  as_postgres "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C >"$data.initdb.log" 2>&1 \
    || { cat "$data.initdb.log" >&2; rm -f "$data.initdb.log"; exit 1; }
  rm -f "$data.initdb.log"
}

start() {
  if [ ! -f "$data/PG_VERSION" ]; then create_cluster; fi
  if running; then
    say "already running ($data)"
  else
    say "starting on 127.0.0.1:$port"
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $data" start >/dev/null \
      || { say "the server did not start; its log: $data/server.log"; tail -n 20 "$data/server.log" >&2; exit 1; }
  fi
  if [ "$(sql "SELECT count(*) FROM pg_roles WHERE rolname = 'orders'")" = 0 ]; then sql "CREATE ROLE orders LOGIN"; fi
  # PostgreSQL 15+: only the database's owner may create tables in its public schema; the API migrates.
  if [ "$(sql "SELECT count(*) FROM pg_database WHERE datname = 'orders'")" = 0 ]; then sql "CREATE DATABASE orders OWNER orders"; fi
  say "ready; stop it with: scripts/dev-postgres.sh stop"
  echo "export Storage__Provider=PostgreSql"
  echo "export ConnectionStrings__Orders='Host=127.0.0.1;Port=$port;Database=orders;Username=orders'"
}

stop() {
  if running; then as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; say "stopped"; else say "not running"; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then say "running on 127.0.0.1:$port ($data)"; else say "not running ($data)"; exit 3; fi ;;
  remove) stop; rm -rf "$data"; say "removed $data" ;;
  *) say "usage: $0 [start|stop|status|remove]"; exit 2 ;;
esac
