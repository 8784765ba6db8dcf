-- PATCH /orders/{clientReference} of a fresh target, each once, under the ETag it has (If-Match is
-- required): a new street, as a customer who typed the wrong one sends it. The change path (200).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local body = '{"shippingAddress":{"line1":"2 Bench Street"}}'

function request()
  local reference, etag = next_target()
  local headers = { ["Authorization"] = get_headers["Authorization"], ["Content-Type"] = "application/merge-patch+json", ["If-Match"] = etag }
  return wrk.format("PATCH", "/orders/" .. reference, headers, body)
end
