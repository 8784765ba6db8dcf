using System.Net;

namespace Orders.Client.Tests;

/// <summary>
/// Fulfilment through the generated client, the service with its scope and the customer with hers, against
/// the live API behind prism's validating proxy: the fulfilled order, each 409 typed, the customer's
/// refused cancel through the cancel's own 409, and the 403 of each identity on the other's routes.
/// </summary>
public sealed class FulfilmentClientTests(LiveApi api) : IClassFixture<LiveApi>
{
    // An owner as an identity provider may name one: the route carries it escaped.
    private const string Owner = "auth0|ada lovelace";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FulfilOrder_ThenAgain_IsTheFulfilledOrder_ThenATypedConflictSayingItIsDone_AndTheCustomersCancelIsRefused()
    {
        var customer = api.CreateClient(Owner);
        var service = api.CreateServiceClient();
        var placed = await customer.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);
        var shipment = new FulfilOrderRequest { Carrier = "DHL", TrackingNumber = "JD014600006281" };

        var fulfilled = await service.FulfilOrderAsync(Owner, placed.ClientReference, placed.Etag, shipment, Ct);
        var again = await Assert.ThrowsAsync<ApiException<OrderAlreadyFulfilledProblem>>(
            () => service.FulfilOrderAsync(Owner, placed.ClientReference, body: shipment, cancellationToken: Ct));
        var cancel = await Assert.ThrowsAsync<ApiException<OrderAlreadyCancelledProblem>>(
            () => customer.CancelOrderAsync(placed.ClientReference, body: new CancelOrderRequest { Reason = "Too late?" }, cancellationToken: Ct));
        var read = await customer.GetOrderAsync(placed.ClientReference, cancellationToken: Ct);

        Assert.Equal(OrderResponseStatus.Fulfilled, fulfilled.Status);
        Assert.NotNull(fulfilled.FulfilledAt);
        Assert.Equal("DHL", fulfilled.Carrier);
        Assert.Equal("JD014600006281", fulfilled.TrackingNumber);
        Assert.NotEqual(placed.Etag, fulfilled.Etag);
        Assert.Equal((int)HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(OrderAlreadyFulfilledProblemCode.ORDER_ALREADY_FULFILLED, again.Result.Code);
        Assert.Equal(OrderAlreadyFulfilledProblemOrderStatus.Fulfilled, again.Result.OrderStatus);
        Assert.Equal(placed.OrderId, again.Result.OrderId);
        Assert.Equal(fulfilled.FulfilledAt, again.Result.FulfilledAt);
        Assert.Equal(fulfilled.Etag, again.Result.Etag);
        Assert.True(again.Result.SameRequest);
        // A refusal, not "already cancelled": the order is shipped.
        Assert.Equal((int)HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal(OrderAlreadyCancelledProblemCode.ORDER_NOT_CANCELLABLE, cancel.Result.Code);
        Assert.Equal(OrderAlreadyCancelledProblemOrderStatus.Fulfilled, cancel.Result.OrderStatus);
        Assert.Equal(fulfilled.Etag, cancel.Result.Etag);
        Assert.Equal(OrderResponseStatus.Fulfilled, read.Status);
        Assert.Equal("JD014600006281", read.TrackingNumber);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task FulfilOrder_OfACancelledOrder_IsATypedConflictSayingDoNotShip()
    {
        var customer = api.CreateClient(Owner);
        var placed = await customer.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);
        var cancelled = await customer.CancelOrderAsync(placed.ClientReference, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<ApiException<OrderAlreadyFulfilledProblem>>(
            () => api.CreateServiceClient().FulfilOrderAsync(Owner, placed.ClientReference, cancellationToken: Ct));

        Assert.Equal((int)HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(OrderAlreadyFulfilledProblemCode.ORDER_CANCELLED, refused.Result.Code);
        Assert.Equal(OrderAlreadyFulfilledProblemOrderStatus.Cancelled, refused.Result.OrderStatus);
        Assert.Equal(placed.OrderId, refused.Result.OrderId);
        Assert.Equal(cancelled.Etag, refused.Result.Etag);
        Assert.Null(refused.Result.FulfilledAt);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task EachIdentity_OnTheOthersRoute_IsATypedForbidden()
    {
        var customer = api.CreateClient(Owner);
        var placed = await customer.CreateOrderAsync(OrdersClientTests.AnOrder(), cancellationToken: Ct);
        var service = api.CreateServiceClient();

        var customerFulfils = await Assert.ThrowsAsync<ApiException<ApiProblem>>(
            () => customer.FulfilOrderAsync(Owner, placed.ClientReference, cancellationToken: Ct));
        var serviceReads = await Assert.ThrowsAsync<ApiException<ApiProblem>>(
            () => service.GetOrderAsync(placed.ClientReference, cancellationToken: Ct));
        var serviceCancels = await Assert.ThrowsAsync<ApiException<ApiProblem>>(
            () => service.CancelOrderAsync(placed.ClientReference, cancellationToken: Ct));

        foreach (var forbidden in new[] { customerFulfils, serviceReads, serviceCancels })
        {
            Assert.Equal((int)HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal(ApiProblemCode.FORBIDDEN, forbidden.Result.Code);
        }
        Assert.Equal(OrderResponseStatus.Placed, (await customer.GetOrderAsync(placed.ClientReference, cancellationToken: Ct)).Status);
        api.AssertConformsToTheDocument();
    }
}
