-- GET /orders/{clientReference} of a random seeded order: the lookup path (200). not-modified.lua
-- runs this with if_none_match set, sent as If-None-Match: the conditional lookup (304).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local headers = get_headers
if if_none_match then
  headers = { ["Authorization"] = get_headers["Authorization"], ["If-None-Match"] = if_none_match }
end

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("GET", "/orders/" .. seeded_reference(), headers)
end
