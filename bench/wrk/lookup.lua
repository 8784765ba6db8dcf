-- GET /orders/{clientReference} of a random seeded order: the lookup path (200).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  return wrk.format("GET", "/orders/" .. seeded_reference(), get_headers)
end
