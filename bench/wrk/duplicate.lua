-- POST /orders with references that already exist (the seeded ones): the duplicate path (409).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("POST", "/orders", post_headers, order_body(seeded_reference()))
end
