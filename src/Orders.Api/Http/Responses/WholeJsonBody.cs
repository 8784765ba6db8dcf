using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Orders.Api.Http.Responses;

/// <summary>
/// Writes a JSON answer in one piece, with its Content-Length. ASP.NET Core's own JSON results stream
/// the body without a length, so HTTP/1.1 sends it chunked: the headers and the body in one socket
/// send, and the closing zero-length chunk in a second one when the request ends. Our bodies are a
/// few KiB at most (an order has at most 100 lines), so serialising first costs one small buffer and
/// saves a send, a wake-up of the client and a receive on every request (docs/benchmarks.md).
/// </summary>
internal static class WholeJsonBody
{
    public static Task WriteAsync(HttpContext context, object value, Type type, string contentType)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type, options);
        var response = context.Response;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
