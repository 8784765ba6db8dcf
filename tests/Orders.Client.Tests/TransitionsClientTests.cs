using System.Net;

namespace Orders.Client.Tests;

/// <summary>
/// Cancel and change through the generated client, against the live API behind prism's validating proxy:
/// each answer, the 409 and the 412 included, must be what openapi.yaml says and arrive typed.
/// </summary>
public sealed class TransitionsClientTests(LiveApi api) : IClassFixture<LiveApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelOrder_ThenAgain_IsTheCancelledOrder_ThenATypedConflictNamingIt()
    {
        var client = api.CreateClient();
        var placed = await client.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);
        var reason = new CancelOrderRequest { Reason = "Ordered the wrong size" };

        var cancelled = await client.CancelOrderAsync(placed.ClientReference, placed.Etag, reason, Ct);
        var again = await Assert.ThrowsAsync<ApiException<OrderAlreadyCancelledProblem>>(
            () => client.CancelOrderAsync(placed.ClientReference, body: reason, cancellationToken: Ct));

        Assert.Equal(OrderResponseStatus.Cancelled, cancelled.Status);
        Assert.Equal("Ordered the wrong size", cancelled.CancellationReason);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.NotEqual(placed.Etag, cancelled.Etag);
        Assert.Equal((int)HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(OrderAlreadyCancelledProblemCode.ORDER_ALREADY_CANCELLED, again.Result.Code);
        Assert.Equal(placed.OrderId, again.Result.OrderId);
        Assert.Equal(cancelled.Etag, again.Result.Etag);
        Assert.Equal(cancelled.CancelledAt, again.Result.CancelledAt);
        Assert.True(again.Result.SameRequest);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task ChangeOrder_WithIfMatch_IsTheChangedOrderWithANewETag()
    {
        var client = api.CreateClient();
        var placed = await client.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);

        var changed = await client.ChangeOrderAsync(placed.ClientReference, placed.Etag, ToPotsdam(), Ct);

        Assert.Equal(OrderResponseStatus.Placed, changed.Status);
        Assert.Equal("Potsdam", changed.ShippingAddress!.City);
        Assert.Equal("14467", changed.ShippingAddress.PostalCode);
        Assert.Equal(placed.ShippingAddress!.Line1, changed.ShippingAddress.Line1);
        Assert.NotEqual(placed.Etag, changed.Etag);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task ChangeOrder_Stale_IsATypedPreconditionFailed_SayingWhetherThePatchIsAlreadyIn()
    {
        var client = api.CreateClient();
        var placed = await client.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);
        var changed = await client.ChangeOrderAsync(placed.ClientReference, placed.Etag, ToPotsdam(), Ct);

        // The same change again from the old version: a retry whose 200 was lost. It is in.
        var retried = await Assert.ThrowsAsync<ApiException<PreconditionFailedProblem>>(
            () => client.ChangeOrderAsync(placed.ClientReference, placed.Etag, ToPotsdam(), Ct));
        // Another change from the old version: someone else's change came first.
        var other = new ChangeOrderRequest { ShippingAddress = new ShippingAddressChangeRequest { City = "Hamburg", PostalCode = "20095" } };
        var stale = await Assert.ThrowsAsync<ApiException<PreconditionFailedProblem>>(
            () => client.ChangeOrderAsync(placed.ClientReference, placed.Etag, other, Ct));

        Assert.Equal((int)HttpStatusCode.PreconditionFailed, retried.StatusCode);
        Assert.Equal(PreconditionFailedProblemCode.PRECONDITION_FAILED, retried.Result.Code);
        Assert.True(retried.Result.AlreadyApplied);
        Assert.Equal(changed.Etag, retried.Result.Etag);
        Assert.Equal("Potsdam", retried.Result.Order.ShippingAddress!.City);
        Assert.False(stale.Result.AlreadyApplied);
        Assert.Equal(changed.Etag, stale.Result.Order.Etag);
        Assert.Equal([changed.Etag], stale.Headers["ETag"]);
        api.AssertConformsToTheDocument();
    }

    private static ChangeOrderRequest ToPotsdam() =>
        new() { ShippingAddress = new ShippingAddressChangeRequest { City = "Potsdam", PostalCode = "14467" } };
}
