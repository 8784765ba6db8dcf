using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Orders.Client.Tests;
using Orders.Kiota.Models;

// Outside Orders.Client, whose NSwag types have the same names as Kiota's.
namespace Orders.Kiota.Tests;

/// <summary>
/// A Kiota client, generated from the unedited openapi.yaml at build time, against the live API: every
/// answer of the order journey arrives as its own typed model, errors included (Kiota maps an error
/// body only when its schema is one object, never a oneOf).
/// </summary>
public sealed class KiotaClientTests(LiveApi api) : IClassFixture<LiveApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateDuplicateInvalidAndMissing_EachArriveTyped()
    {
        var client = Client();
        var request = AnOrder();

        // Create: the placed order.
        var placed = await client.Orders.PostAsync(request, cancellationToken: Ct);
        Assert.Equal(request.ClientReference, placed!.ClientReference);
        Assert.Equal(4498, placed.Total);
        Assert.Equal(request.Customer!.Phone, placed.Customer!.Phone);

        // The same again: a typed 409 naming the order already placed.
        var duplicate = await Assert.ThrowsAsync<DuplicateOrderProblem>(() => client.Orders.PostAsync(request, cancellationToken: Ct));
        Assert.Equal(409, duplicate.ResponseStatusCode);
        Assert.Equal(DuplicateOrderProblem_code.DUPLICATE_IDEMPOTENCY_KEY, duplicate.Code);
        Assert.Equal(placed.OrderId, duplicate.OrderId);
        Assert.True(duplicate.SameRequest);

        // An invalid order: a typed 400 whose errors map names each bad field. Blank text fits the schema's
        // lengths, so prism lets it through, and the API's rules refuse it.
        var invalidRequest = AnOrder();
        invalidRequest.Customer!.Name = "   ";
        invalidRequest.ShippingAddress!.City = "   ";
        var invalid = await Assert.ThrowsAsync<OrderRequestProblem>(() => client.Orders.PostAsync(invalidRequest, cancellationToken: Ct));
        Assert.Equal(400, invalid.ResponseStatusCode);
        Assert.Equal(OrderRequestProblem_code.VALIDATION_FAILED, invalid.Code);
        Assert.Equal(["customer.name", "shippingAddress.city"], invalid.Errors!.AdditionalData.Keys.Order(StringComparer.Ordinal));

        // An order that does not exist: a typed 404.
        var missing = await Assert.ThrowsAsync<ApiProblem>(() => client.Orders[invalidRequest.ClientReference].GetAsync(cancellationToken: Ct));
        Assert.Equal(404, missing.ResponseStatusCode);
        Assert.Equal(ApiProblem_code.ORDER_NOT_FOUND, missing.Code);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task CancelAndChange_EachAnswerArrivesTyped()
    {
        var client = Client();
        var request = AnOrder();
        var placed = await client.Orders.PostAsync(request, cancellationToken: Ct);
        var order = client.Orders[request.ClientReference];

        // A change with If-Match: the order with a new tag. Only the members set are sent (merge patch).
        var change = new ChangeOrderRequest { ShippingAddress = new ShippingAddressChangeRequest { City = "Potsdam", PostalCode = "14467" } };
        var changed = await order.PatchAsync(change, config => config.Headers.Add("If-Match", placed!.Etag!), Ct);
        Assert.Equal("Potsdam", changed!.ShippingAddress!.City);
        Assert.Equal(placed!.ShippingAddress!.Line1, changed.ShippingAddress.Line1);
        Assert.NotEqual(placed.Etag, changed.Etag);

        // The same change from the old tag: a typed 412 saying it is already in.
        var stale = await Assert.ThrowsAsync<PreconditionFailedProblem>(
            () => order.PatchAsync(change, config => config.Headers.Add("If-Match", placed.Etag!), Ct));
        Assert.Equal(412, stale.ResponseStatusCode);
        Assert.True(stale.AlreadyApplied);
        Assert.Equal(changed.Etag, stale.Etag);

        // Cancel, then cancel again: the cancelled order, then a typed 409 naming it.
        var cancel = new CancelOrderRequest { Reason = "Ordered the wrong size" };
        var cancelled = await order.Cancellation.PostAsync(cancel, config => config.Headers.Add("If-Match", changed.Etag!), Ct);
        Assert.Equal(OrderResponse_status.Cancelled, cancelled!.Status);
        var again = await Assert.ThrowsAsync<OrderAlreadyCancelledProblem>(() => order.Cancellation.PostAsync(cancel, cancellationToken: Ct));
        Assert.Equal(409, again.ResponseStatusCode);
        Assert.Equal(OrderAlreadyCancelledProblem_code.ORDER_ALREADY_CANCELLED, again.Code);
        Assert.Equal(cancelled.Etag, again.Etag);
        Assert.True(again.SameRequest);

        // A cancelled order cannot change: a typed 409.
        var refused = await Assert.ThrowsAsync<OrderNotChangeableProblem>(
            () => order.PatchAsync(change, config => config.Headers.Add("If-Match", cancelled.Etag!), Ct));
        Assert.Equal(409, refused.ResponseStatusCode);
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task FulfilAndItsRefusals_EachArriveTyped()
    {
        var customer = Client();
        var service = new OrdersKiotaClient(Adapter(api.CreateServiceHttpClient()));
        var (shipped, withdrawn) = (AnOrder(), AnOrder());
        await customer.Orders.PostAsync(shipped, cancellationToken: Ct);
        await customer.Orders.PostAsync(withdrawn, cancellationToken: Ct);
        var fulfilment = service.Owners["owner-ada"].Orders[shipped.ClientReference].Fulfilment;
        var shipment = new FulfilOrderRequest { Carrier = "DHL", TrackingNumber = "JD014600006281" };

        // The service fulfils: the fulfilled order.
        var fulfilled = await fulfilment.PostAsync(shipment, cancellationToken: Ct);
        Assert.Equal(OrderResponse_status.Fulfilled, fulfilled!.Status);
        Assert.Equal("JD014600006281", fulfilled.TrackingNumber);
        Assert.NotNull(fulfilled.FulfilledAt);

        // Again: a typed 409 saying it is done, as asked.
        var again = await Assert.ThrowsAsync<OrderAlreadyFulfilledProblem>(() => fulfilment.PostAsync(shipment, cancellationToken: Ct));
        Assert.Equal(409, again.ResponseStatusCode);
        Assert.Equal(OrderAlreadyFulfilledProblem_code.ORDER_ALREADY_FULFILLED, again.Code);
        Assert.Equal(fulfilled.Etag, again.Etag);
        Assert.True(again.SameRequest);

        // The customer's cancel of the shipped order: the cancel's typed 409, a refusal.
        var cancel = await Assert.ThrowsAsync<OrderAlreadyCancelledProblem>(
            () => customer.Orders[shipped.ClientReference].Cancellation.PostAsync(new CancelOrderRequest(), cancellationToken: Ct));
        Assert.Equal(409, cancel.ResponseStatusCode);
        Assert.Equal(OrderAlreadyCancelledProblem_code.ORDER_NOT_CANCELLABLE, cancel.Code);
        Assert.Equal(fulfilled.Etag, cancel.Etag);

        // A cancelled order: the fulfil's typed 409 saying do not ship.
        await customer.Orders[withdrawn.ClientReference].Cancellation.PostAsync(new CancelOrderRequest(), cancellationToken: Ct);
        var cancelled = await Assert.ThrowsAsync<OrderAlreadyFulfilledProblem>(
            () => service.Owners["owner-ada"].Orders[withdrawn.ClientReference].Fulfilment.PostAsync(new FulfilOrderRequest(), cancellationToken: Ct));
        Assert.Equal(409, cancelled.ResponseStatusCode);
        Assert.Equal(OrderAlreadyFulfilledProblem_code.ORDER_CANCELLED, cancelled.Code);

        // Each identity on the other's route: a typed 403.
        var customerFulfils = await Assert.ThrowsAsync<ApiProblem>(
            () => customer.Owners["owner-ada"].Orders[withdrawn.ClientReference].Fulfilment.PostAsync(new FulfilOrderRequest(), cancellationToken: Ct));
        var serviceReads = await Assert.ThrowsAsync<ApiProblem>(() => service.Orders[shipped.ClientReference].GetAsync(cancellationToken: Ct));
        Assert.Equal((403, ApiProblem_code.FORBIDDEN), (customerFulfils.ResponseStatusCode, customerFulfils.Code));
        Assert.Equal((403, ApiProblem_code.FORBIDDEN), (serviceReads.ResponseStatusCode, serviceReads.Code));
        api.AssertConformsToTheDocument();
    }

    [Fact]
    public async Task AMalformedBody_IsTheSame400Model_WithoutErrors()
    {
        // A Kiota client cannot send broken JSON, and prism would refuse it itself: a plain request to the
        // API can, and Kiota's parser reads the answer.
        var response = await api.CreateHttpClient(bypassPrism: true).PostAsync(new Uri("/orders", UriKind.Relative),
            new StringContent("{\"clientReference\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        var body = await new Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory()
            .GetRootParseNodeAsync("application/json", await response.Content.ReadAsStreamAsync(Ct), Ct);
        var problem = body.GetObjectValue(OrderRequestProblem.CreateFromDiscriminatorValue);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(OrderRequestProblem_code.MALFORMED_JSON, problem!.Code);
        Assert.Null(problem.Errors);
    }

    private OrdersKiotaClient Client() => new(Adapter(api.CreateHttpClient()));

    private static HttpClientRequestAdapter Adapter(HttpClient http) =>
        // The token travels in the HttpClient's default headers; Kiota adds none of its own.
        new(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };

    private static CreateOrderRequest AnOrder() => new()
    {
        ClientReference = $"kiota-test-{Guid.NewGuid()}",
        Currency = "EUR",
        Customer = new CustomerRequest { Email = "ada@example.com", Name = "Ada Lovelace", Phone = "+49 30 1234567" },
        ShippingAddress = new ShippingAddressRequest { Line1 = "Unter den Linden 1", City = "Berlin", PostalCode = "10117", Country = "DE" },
        Lines = [new OrderLineRequest { Sku = "SKU-1", Quantity = 2, UnitPrice = 1999 }, new OrderLineRequest { Sku = "SKU-2", Quantity = 1, UnitPrice = 500 }],
    };
}
