using Orders.Api.Model;

namespace Orders.Api.Tests.Unit;

public sealed class OrderDraftTests
{
    private static readonly OrderDraft Draft = new(
        "ref-1", "EUR", new Customer("ada@example.com", "Ada", null),
        new ShippingAddress("1 Main St", null, "Berlin", "10115", "DE"),
        [new OrderLineDraft("SKU-1", 2, 1999), new OrderLineDraft("SKU-2", 1, 0)]);

    private static Order Stored(OrderDraft draft) =>
        new OrderFactory(TimeProvider.System).Create("owner", draft);

    [Fact]
    public void SameDraft_DescribesTheStoredOrder() => Assert.True(Draft.DescribesSameOrderAs(Stored(Draft)));

    [Fact]
    public void DifferentLineOrder_IsADifferentOrder() =>
        Assert.False(Draft.DescribesSameOrderAs(Stored(Draft with { Lines = [.. Draft.Lines.Reverse()] })));

    [Fact]
    public void ExtraLine_IsADifferentOrder() =>
        Assert.False(Draft.DescribesSameOrderAs(Stored(Draft with { Lines = [.. Draft.Lines, new OrderLineDraft("SKU-3", 1, 1)] })));

    [Fact]
    public void MissingAddress_IsADifferentOrder() =>
        Assert.False(Draft.DescribesSameOrderAs(Stored(Draft with { ShippingAddress = null })));

    [Fact]
    public void EmailCase_IsCompared_ByteForByte() =>
        Assert.False(Draft.DescribesSameOrderAs(Stored(Draft with { Customer = new Customer("Ada@example.com", "Ada", null) })));
}
