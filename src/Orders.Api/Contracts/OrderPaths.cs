namespace Orders.Api.Contracts;

internal static class OrderPaths
{
    /// <summary>Where every order endpoint lives.</summary>
    public const string Root = "/orders";

    /// <summary>Where the fulfilment service addresses orders, by owner: <c>/owners/{owner}/orders</c>.</summary>
    public const string OwnersRoot = "/owners";

    /// <summary>
    /// The order's URL. A client reference holds only RFC 3986 unreserved characters, so it needs no
    /// escaping in a path.
    /// </summary>
    public static string Of(HttpRequest request, string clientReference) => $"{request.PathBase}{Root}/{clientReference}";
}
