namespace Orders.Api.OpenApi;

/// <summary>
/// Swagger UI's "Try it out" sends the documented example as it is, so every try of POST /orders would
/// reuse one clientReference: the second try with another cart gets 409 <c>sameRequest: false</c>, and
/// the example teaches exactly the reuse the API calls a bug. A request interceptor gives each try its
/// own fresh reference in place of the example's (body and Idempotency-Key header alike), as each new
/// checkout attempt would; a reference the user typed is sent unchanged, so retries can still be tried.
/// (A UUID from getRandomValues: randomUUID needs a secure context, and the API may be served over http.)
/// </summary>
internal static class TryItOutReference
{
    /// <summary>The interceptor, a JavaScript function Swagger UI calls with each request before sending it.</summary>
    public const string RequestInterceptor = $$"""
        (request) => {
          const example = "{{OrderExamples.Reference}}";
          if (request.method !== "POST") return request;
          const bytes = crypto.getRandomValues(new Uint8Array(16));
          bytes[6] = (bytes[6] & 0x0f) | 0x40;
          bytes[8] = (bytes[8] & 0x3f) | 0x80;
          const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
          const fresh = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
          if (typeof request.body === "string") request.body = request.body.split(example).join(fresh);
          for (const name of Object.keys(request.headers || {})) {
            if (typeof request.headers[name] === "string") request.headers[name] = request.headers[name].split(example).join(fresh);
          }
          return request;
        }
        """;
}
