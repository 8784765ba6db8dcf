-- GET /orders/{clientReference} of a random seeded order: the lookup path (200). With
-- BENCH_IF_NONE_MATCH set (`*` matches every seeded order), each GET sends it as If-None-Match: the
-- conditional lookup path (304), which reads the version alone (docs/benchmarks.md, "Conditional GET").
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local headers = get_headers
local condition = os.getenv("BENCH_IF_NONE_MATCH")
if condition then
  headers = { ["Authorization"] = get_headers["Authorization"], ["If-None-Match"] = condition }
end

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("GET", "/orders/" .. seeded_reference(), headers)
end
