-- POST /orders with references that already exist (the seeded ones): the duplicate path (409).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local headers = { ["Content-Type"] = "application/json" }

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("POST", "/orders", headers, order_body(seeded_reference()))
end
