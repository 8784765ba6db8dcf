namespace Orders.Api.Orders;

internal static class OrderPaths
{
    /// <summary>
    /// The order's URL. A client reference holds only RFC 3986 unreserved characters, so it needs no
    /// escaping in a path.
    /// </summary>
    public static string Of(HttpRequest request, string clientReference) => $"{request.PathBase}/orders/{clientReference}";
}
