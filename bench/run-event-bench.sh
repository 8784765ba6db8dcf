#!/usr/bin/env bash
# The order-event suites at a larger size (ORDERS_EVENTS_SCALE, default 10: 400 distinct orders per
# load test, 1,000 orders per life of the SIGKILL test, 2,000 across two relaying instances), on
# SQLite and PostgreSQL, printing what each reports: events per order, lag from 201 to delivery,
# events relayed per second after a broker restart, redeliveries after SIGKILLs. A plain
# `dotnet test` runs the same tests at scale 1. Needs what the suites need: the PostgreSQL server
# binaries and Debian's rabbitmq-server (or ORDERS_TEST_POSTGRES / ORDERS_TEST_RABBITMQ).
set -uo pipefail
cd "$(dirname "$0")/.."
export ORDERS_EVENTS_SCALE="${ORDERS_EVENTS_SCALE:-10}"
export ORDERS_TEST_REQUIRE="${ORDERS_TEST_REQUIRE:-postgresql,rabbitmq}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test tests/Orders.Api.Tests --filter "FullyQualifiedName~OrderEventsContract|FullyQualifiedName~RelayProcessContract" \
  --logger "console;verbosity=normal" >"$log" 2>&1
status=$?
# The suites' own report lines ("sqlite: 41 events for 41 orders ...") and the outcome of each test.
grep -E 'Orders.Api.Tests: (sqlite|postgresql|sqlserver):|^\s*(Passed|Failed|Skipped) Orders|Error Message|^\s+(Passed|Failed|Skipped|Total tests):' "$log"
[ "$status" -eq 0 ] || tail -n 60 "$log"
exit "$status"
