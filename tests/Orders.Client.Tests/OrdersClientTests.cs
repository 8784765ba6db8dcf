using System.Net;

namespace Orders.Client.Tests;

/// <summary>The generated client's view of the contract, against the live API (see <see cref="LiveApi"/>).</summary>
public sealed class OrdersClientTests(LiveApi api) : IClassFixture<LiveApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static CreateOrderRequest AnOrder(string? customerName = "Ada Lovelace") => new()
    {
        ClientReference = $"client-test-{Guid.NewGuid()}",
        Currency = "EUR",
        Customer = new CustomerRequest { Email = "ada@example.com", Name = customerName, Phone = "+49 30 1234567" },
        ShippingAddress = new ShippingAddressRequest { Line1 = "Unter den Linden 1", City = "Berlin", PostalCode = "10117", Country = "DE" },
        Lines = [new OrderLineRequest { Sku = "SKU-1", Quantity = 2, UnitPrice = 1999 }, new OrderLineRequest { Sku = "SKU-2", Quantity = 1, UnitPrice = 500 }],
    };

    [Fact]
    public async Task CreateOrder_NewReference_ReturnsThePlacedOrder()
    {
        var client = api.CreateClient();
        var request = AnOrder();

        var order = await client.CreateOrderAsync(request, cancellationToken: Ct);

        Assert.Equal(request.ClientReference, order.ClientReference);
        Assert.Equal(OrderResponseStatus.Placed, order.Status);
        Assert.Equal(4498, order.Total);
        Assert.Equal([3998L, 500L], order.Lines.Select(line => line.LineTotal));
        Assert.Null(order.ShippingAddress!.Line2);
        Assert.Equal(request.Customer.Phone, order.Customer.Phone);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task CreateOrder_SameReferenceAgain_ThrowsTypedConflictCarryingTheOrderId()
    {
        var client = api.CreateClient();
        var request = AnOrder();
        var placed = await client.CreateOrderAsync(request, cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<ApiException<DuplicateOrderProblem>>(() => client.CreateOrderAsync(request, cancellationToken: Ct));

        Assert.Equal((int)HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(DuplicateOrderProblemCode.DUPLICATE_IDEMPOTENCY_KEY, conflict.Result.Code);
        Assert.Equal(placed.OrderId, conflict.Result.OrderId);
        Assert.True(conflict.Result.SameRequest);
        Assert.Equal($"/orders/{request.ClientReference}", conflict.Result.OrderUrl);
        Assert.Equal([conflict.Result.OrderUrl], conflict.Headers["Location"]);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task CreateOrder_ReferenceReusedForAnotherCart_IsAConflictWithSameRequestFalse()
    {
        var client = api.CreateClient();
        var request = AnOrder();
        var placed = await client.CreateOrderAsync(request, cancellationToken: Ct);
        request.Lines.First().Quantity = 3;

        var conflict = await Assert.ThrowsAsync<ApiException<DuplicateOrderProblem>>(() => client.CreateOrderAsync(request, cancellationToken: Ct));

        Assert.False(conflict.Result.SameRequest);
        Assert.Equal(placed.OrderId, conflict.Result.OrderId);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task GetOrder_ReturnsTheOrderAsPlaced_AndAnUnknownReferenceIsATypedNotFound()
    {
        var client = api.CreateClient();
        var request = AnOrder(customerName: null);
        request.ShippingAddress = null;
        var placed = await client.CreateOrderAsync(request, cancellationToken: Ct);

        var found = await client.GetOrderAsync(request.ClientReference!, cancellationToken: Ct);
        var missing = await Assert.ThrowsAsync<ApiException<ApiProblem>>(() => client.GetOrderAsync("no-such-order", cancellationToken: Ct));

        Assert.Equal(placed.OrderId, found.OrderId);
        Assert.Equal(placed.CreatedAt, found.CreatedAt);
        Assert.Null(found.ShippingAddress);
        Assert.Null(found.Customer.Name);
        Assert.Equal((int)HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ApiProblemCode.ORDER_NOT_FOUND, missing.Result.Code);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task GetOrder_WithTheOrdersETag_IsA304WithTheTag_AndEveryAnswerCarriesTheSameTag()
    {
        var client = api.CreateClient();
        var request = AnOrder();
        var placed = await client.CreateOrderAsync(request, cancellationToken: Ct);

        var found = await client.GetOrderAsync(request.ClientReference!, cancellationToken: Ct);
        // The generated client has no body to return for a 304: it says so as an ApiException with the status and headers.
        var notModified = await Assert.ThrowsAsync<ApiException>(() => client.GetOrderAsync(request.ClientReference!, placed.Etag, Ct));

        Assert.Equal(placed.Etag, found.Etag);
        Assert.Equal((int)HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal([placed.Etag], notModified.Headers["ETag"]);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task CreateOrder_InvalidField_ThrowsTypedValidationProblemNamingIt()
    {
        // A blank name: within the schema's lengths, so it reaches the API, whose validator refuses it.
        var client = api.CreateClient();
        var request = AnOrder(customerName: "   ");

        var invalid = await Assert.ThrowsAsync<ApiException<OrderRequestProblem>>(() => client.CreateOrderAsync(request, cancellationToken: Ct));

        Assert.Equal((int)HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(OrderRequestProblemCode.VALIDATION_FAILED, invalid.Result.Code);
        Assert.Equal(["customer.name"], invalid.Result.Errors!.Keys);
        await Assert.ThrowsAsync<ApiException<ApiProblem>>(() => client.GetOrderAsync(request.ClientReference!, cancellationToken: Ct));
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task ListOrders_PagesWithNext_NewestFirst()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateOrderAsync(AnOrder(), cancellationToken: Ct);
        }

        var first = await client.ListOrdersAsync(limit: 2, cancellationToken: Ct);
        var second = await client.ListOrdersAsync(limit: 2, after: first.Next, cancellationToken: Ct);

        Assert.Equal(2, first.Orders.Count);
        Assert.NotNull(first.Next);
        Assert.True(first.Orders.First().CreatedAt >= first.Orders.Last().CreatedAt);
        Assert.DoesNotContain(second.Orders, order => first.Orders.Any(seen => seen.OrderId == order.OrderId));
        api.AssertConformsToTheDocument();
    }
}
