-- POST /orders/{clientReference}/cancellation of a fresh target, each once, with a reason and no
-- If-Match (optional on a cancel): the cancel path (200).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local body = '{"reason":"changed my mind"}'

function request()
  local reference = next_target()
  return wrk.format("POST", "/orders/" .. reference .. "/cancellation", post_headers, body)
end
