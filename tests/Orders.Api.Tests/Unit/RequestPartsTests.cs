using Orders.Api.Http.Endpoints;
using Orders.Api.Model;
using Orders.Api.Rules;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Unit;

public sealed class RequestPartsTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"", "\"")]
    public void IdempotencyKeyHeader_AcceptsStructuredFieldStringAndBareToken(string header, string key) =>
        Assert.Equal(key, ClientReference.FromHeader(header));

    [Theory]
    [InlineData("3f0c2b9e-5c1a-4f0e-9a43-2f9d0c7b1e55", true)]
    [InlineData("A.b_c~d-9", true)]
    [InlineData("", false)]
    [InlineData("abc\n", false)]
    [InlineData("a b", false)]
    [InlineData("ä", false)]
    [InlineData("a/b", false)]
    public void ClientReference_AllowsOnlyUnreservedCharacters(string value, bool valid) =>
        Assert.Equal(valid, ClientReference.IsValid(value));

    [Fact]
    public void ClientReference_AllowsAtMost100Characters()
    {
        Assert.True(ClientReference.IsValid(new string('a', 100)));
        Assert.False(ClientReference.IsValid(new string('a', 101)));
    }

    [Fact]
    public void ListCursor_RoundTripsTheKeyset()
    {
        var order = new OrderFactory(TimeProvider.System).Create("o", new OrderDraft(
            "r", "EUR", new Customer("a@b.c", null, null), null, [new OrderLineDraft("A", 1, 1)]));

        Assert.True(OrderListCursor.TryDecode(OrderListCursor.Encode(order), out var position));

        Assert.Equal(new OrderPosition(order.CreatedAt, order.OrderId), position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("MTox")]
    [InlineData("LTE6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA")]
    public void ListCursor_RejectsAnythingItDidNotMake(string cursor) =>
        Assert.False(OrderListCursor.TryDecode(cursor, out _));
}
