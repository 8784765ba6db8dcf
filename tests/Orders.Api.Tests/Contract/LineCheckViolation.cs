using Orders.Api.Model;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// An order that fails inside the database, after its header went in: the last line breaks the
/// schema's ck_order_lines_quantity. For the tests of what a failed create leaves behind.
/// </summary>
public static class LineCheckViolation
{
    /// <summary>A valid order of two lines, for <see cref="Corrupt"/> to break.</summary>
    public static Order TwoLineOrder(OrderFactory factory, string owner, string reference) => factory.Create(owner, new OrderDraft(
        reference, "EUR", new Customer("ada@example.com", null, null), null,
        [new OrderLineDraft("SKU-1", 1, 100), new OrderLineDraft("SKU-2", 1, 100)]));

    /// <summary>The same order with its last line's quantity 0, which only the database refuses.</summary>
    public static Order Corrupt(Order order) =>
        order with { Lines = [.. order.Lines.SkipLast(1), order.Lines[^1] with { Quantity = 0, LineTotal = 0 }] };
}
