-- POST /orders with references placed beforehand through the same server (BENCH_PLACED_PREFIX 1 …
-- BENCH_PLACED, by `Orders.Bench place`): the duplicate path of the replay comparison, ours (409)
-- and the replay server's (the stored 201 replayed) on keys each server made itself.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local prefix = os.getenv("BENCH_PLACED_PREFIX")
local placed = tonumber(os.getenv("BENCH_PLACED"))

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("POST", "/orders", post_headers, order_body(prefix .. math.random(1, placed)))
end
