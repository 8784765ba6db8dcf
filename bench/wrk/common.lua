-- Shared by the wrk scripts: a number per thread (for unique references), a count of statuses, and
-- the tab-separated RESULT line bench/run-bench.sh collects (the raw tool prints the same shape).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

statuses = {}

-- Every request is the benchmark owner's: run-bench.sh mints a token the API trusts. wrk.format
-- takes one header table, so each kind of request has its own, Authorization included.
local authorization = "Bearer " .. os.getenv("BENCH_TOKEN")
get_headers = { ["Authorization"] = authorization }
post_headers = { ["Authorization"] = authorization, ["Content-Type"] = "application/json" }

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- The one order every path sends: bench/Orders.Bench/BenchOrder.cs and bench/sql/seed.sql agree.
function order_body(reference)
  return '{"clientReference":"' .. reference .. '","currency":"EUR",' ..
    '"customer":{"email":"bench@example.com","name":"Bench"},' ..
    '"shippingAddress":{"line1":"1 Bench Street","line2":null,"city":"Berlin","postalCode":"10117","country":"DE"},' ..
    '"lines":[{"sku":"SKU-1","quantity":2,"unitPrice":1999},{"sku":"SKU-2","quantity":1,"unitPrice":500}]}'
end

function seeded_reference()
  return "seed-" .. math.random(1, tonumber(os.getenv("BENCH_SEEDED")))
end

-- The next fresh transition target (bench/Orders.Bench/BenchTargets.cs, bench/sql/seed.sql): thread
-- t of n takes t, t + n, t + 2n …, so no two requests of a run touch one order. Its reference, and the
-- ETag it has while fresh (version 1), built as the API builds it from the id seed.sql gives it.
local target_stride = tonumber(os.getenv("BENCH_WRK_THREADS") or "2")
local targets_taken = 0
function next_target()
  local n = thread_number + targets_taken * target_stride
  targets_taken = targets_taken + 1
  return "tx-" .. n, string.format('"beac0000%024x.1"', n)
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local notes = {}
  for status, n in pairs(counts) do
    table.insert(notes, status .. "=" .. n)
  end
  local e = summary.errors
  table.insert(notes, "socket_errors=" .. (e.connect + e.read + e.write + e.timeout))
  table.sort(notes)
  io.write(string.format("RESULT\t%.1f\t%.3f\t%.3f\t%d\t%s\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, table.concat(notes, " ")))
end
