using Orders.Api.Orders;

namespace Orders.Api.Storage;

/// <summary>What a create attempt ended in. A duplicate is an answer, not an error.</summary>
public abstract record CreateOrderResult
{
    private CreateOrderResult() { }

    /// <summary>This request inserted the order.</summary>
    public sealed record Created(Order Order) : CreateOrderResult;

    /// <summary>The owner had already used the reference; <paramref name="Existing"/> is the committed order.</summary>
    public sealed record Duplicate(Order Existing) : CreateOrderResult;
}
