namespace Orders.Api.Model;

/// <summary>A validated request: what the client wants, before the server assigns id, time and totals.</summary>
public sealed record OrderDraft(
    string ClientReference,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLineDraft> Lines)
{
    /// <summary>
    /// True when this draft describes the stored order: a retry rather than a reused reference.
    /// Compares exactly what the client sent; server-assigned fields (id, time, totals) play no part.
    /// </summary>
    public bool DescribesSameOrderAs(Order stored) =>
        ClientReference == stored.ClientReference
        && Currency == stored.Currency
        && Customer == stored.Customer
        && ShippingAddress == stored.ShippingAddress
        && Lines.Count == stored.Lines.Count
        && Lines.Zip(stored.Lines).All(pair =>
            pair.First.Sku == pair.Second.Sku
            && pair.First.Quantity == pair.Second.Quantity
            && pair.First.UnitPrice == pair.Second.UnitPrice);
}

public sealed record OrderLineDraft(string Sku, int Quantity, long UnitPrice);
