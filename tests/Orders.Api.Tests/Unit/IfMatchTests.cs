using Microsoft.AspNetCore.Http;
using Orders.Api.Contracts;
using Orders.Api.Http.Endpoints;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 has it: <c>*</c> matches any version, tags compare strongly (a W/ tag
/// never matches), and a header that names none of our tags can only fail; the store checks the result.
/// </summary>
public sealed class IfMatchTests
{
    private static readonly Guid OrderId = Guid.Parse("019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d");

    private static async Task<OrderVersion?> ExpectedAsync(string header, OrderVersion? current = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfMatch = header;
        var condition = IfMatch.Of(context.Request)!;
        return await condition.ExpectedAsync(new VersionOnlyStore(current), "owner", "ref", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void NoHeader_IsNoCondition()
    {
        Assert.Null(IfMatch.Of(new DefaultHttpContext().Request));
    }

    [Fact]
    public async Task OneOfOurTags_IsThatVersion_AndAStarIsAnyVersion()
    {
        Assert.Equal(new OrderVersion(OrderId, 3), await ExpectedAsync(OrderETag.Of(OrderId, 3)));
        Assert.Null(await ExpectedAsync("*"));
    }

    [Theory]
    [InlineData("W/\"019ab1c27d3e7a108b5c3e2f1a0b9c8d.3\"")]
    [InlineData("\"someone-elses-tag\"")]
    [InlineData("\"019ab1c27d3e7a108b5c3e2f1a0b9c8d.0\"")]
    [InlineData("not a tag list")]
    public async Task AWeakTag_ATagWeNeverMade_OrAnUnreadableHeader_MatchesNoVersion(string header)
    {
        var expected = await ExpectedAsync(header);

        Assert.NotNull(expected);
        Assert.Equal(0, expected.Version); // versions start at 1: the store's conditional update finds nothing
    }

    [Fact]
    public async Task SeveralTags_AreNarrowedToTheCurrentVersion_WhenItIsAmongThem()
    {
        var header = $"{OrderETag.Of(OrderId, 2)}, {OrderETag.Of(OrderId, 3)}";

        Assert.Equal(new OrderVersion(OrderId, 3), await ExpectedAsync(header, current: new OrderVersion(OrderId, 3)));
        Assert.Equal(0, (await ExpectedAsync(header, current: new OrderVersion(OrderId, 4)))!.Version);
    }

    [Theory]
    [InlineData("\"019ab1c27d3e7a108b5c3e2f1a0b9c8d.12\"", true)]
    [InlineData("019ab1c27d3e7a108b5c3e2f1a0b9c8d.12", false)]
    [InlineData("\"019ab1c27d3e7a108b5c3e2f1a0b9c8d.-1\"", false)]
    [InlineData("\"019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d.1\"", false)]
    [InlineData("\"\"", false)]
    public void OrderETag_ParsesOnlyWhatItMakes(string tag, bool parses)
    {
        Assert.Equal(parses, OrderETag.TryParse(tag, out var orderId, out var version));
        if (parses)
        {
            Assert.Equal(tag, OrderETag.Of(orderId, version));
        }
    }

    /// <summary>Answers FindVersionAsync only: all IfMatch asks of a store.</summary>
    private sealed class VersionOnlyStore(OrderVersion? current) : IOrderStore
    {
        public Task<OrderVersion?> FindVersionAsync(string owner, string clientReference, CancellationToken cancellationToken) =>
            Task.FromResult(current);

        public Task<CreateOrderResult> CreateAsync(Api.Model.Order order, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Api.Model.Order?> FindAsync(string owner, string clientReference, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TransitionResult> CancelAsync(OrderCancellation cancellation, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TransitionResult> ChangeAsync(OrderChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TransitionResult> FulfilAsync(OrderFulfilment fulfilment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Api.Model.Order>> ListAsync(string owner, OrderPosition? after, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
