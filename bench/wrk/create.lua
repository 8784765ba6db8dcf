-- POST /orders, a new reference every request: the create path (201).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local run = os.getenv("BENCH_RUN_ID")
local sent = 0

function request()
  sent = sent + 1
  return wrk.format("POST", "/orders", post_headers, order_body(string.format("api-%s-%d-%d", run, thread_number, sent)))
end
