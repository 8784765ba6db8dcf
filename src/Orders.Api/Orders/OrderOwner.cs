namespace Orders.Api.Orders;

/// <summary>Whose orders a request may create and see.</summary>
internal static class OrderOwner
{
    /// <summary>Until authentication lands every caller is this one owner; the schema already keys on owner.</summary>
    public const string Default = "default";

    public static string Of(HttpContext context)
    {
        _ = context;
        return Default;
    }
}
