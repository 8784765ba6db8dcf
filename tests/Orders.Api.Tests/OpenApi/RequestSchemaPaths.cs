namespace Orders.Api.Tests.OpenApi;

/// <summary>Where each request schema of the document sits in an order body (the first line stands for every line).</summary>
public static class RequestSchemaPaths
{
    public static readonly IReadOnlyDictionary<string, string> InBody = new Dictionary<string, string>
    {
        ["CreateOrderRequest"] = "",
        ["CustomerRequest"] = "customer.",
        ["ShippingAddressRequest"] = "shippingAddress.",
        ["OrderLineRequest"] = "lines[0].",
    };
}
