#!/usr/bin/env bash
# The fault tests at the issue's full size (3 instances x 200 references x 50 POSTs, 5 kills under
# 32 workers, a 5 s outage under 32 workers, 3,000 aborting clients, 50 serialization waiters,
# 1,000 orders x 6 cancels and 32 clients x 150 changes under 5 kills each, 1,000 orders through the
# fulfilment worker under 3 worker SIGKILLs and a broker restart), with each test's ledger numbers
# printed. A plain `dotnet test` runs the same tests at a reduced size.
# Needs the .NET SDK and the PostgreSQL server binaries (Debian package postgresql), as the
# contract suites do; the fulfilment worker test also needs rabbitmq-server (it skips without).
set -uo pipefail
cd "$(dirname "$0")/.."
export ORDERS_FAULT_SCALE=full ORDERS_TEST_REQUIRE="${ORDERS_TEST_REQUIRE:-postgresql}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Detailed console output carries each test's "[full] ..." ledger lines.
dotnet test tests/Orders.FaultTests --logger "console;verbosity=detailed" >"$log" 2>&1
status=$?
grep -E '^\s*\[full\]|^\s*(Passed|Failed|Skipped) Orders|Error Message|^\s+(Passed|Failed|Skipped|Total tests):' "$log"
[ "$status" -eq 0 ] || tail -n 60 "$log"
exit "$status"
