using Microsoft.AspNetCore.Http.Features;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// The owner as the fulfilment route's path sends it, decoded whole. Routing decodes every escape of a
/// segment but %2F (a "/" inside a value), so a subject with a slash would arrive half decoded, and one
/// holding a literal "%2F" could not be told from it: the owner is read from the raw request target.
/// </summary>
internal static class OwnerSegment
{
    /// <summary>
    /// The owner of a request to <c>…/owners/{owner}/orders/{clientReference}/fulfilment</c>: the fourth
    /// segment from the end of the raw path, unescaped. Falls back to the routed value where the server
    /// gives no raw target (a test host).
    /// </summary>
    public static string Of(HttpContext context, string routed)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return routed;
        }
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        // Routing also matches the path with a trailing slash.
        var segments = (query >= 0 ? raw[..query] : raw).TrimEnd('/').Split('/');
        return segments is [.., _, _, "orders", _, "fulfilment"] ? Uri.UnescapeDataString(segments[^4]) : routed;
    }
}
