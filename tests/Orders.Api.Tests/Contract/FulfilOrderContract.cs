using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// POST /owners/{owner}/orders/{clientReference}/fulfilment, the fulfilment service's route: a placed
/// order is fulfilled exactly once. The first fulfil gets 200 with the fulfilled order and a new tag;
/// every later one 409 ORDER_ALREADY_FULFILLED built from the stored order; a cancelled order 409
/// ORDER_CANCELLED; a stale If-Match 412. The customer then sees the fulfilled order, and can neither
/// cancel (ORDER_NOT_CANCELLABLE) nor change it (ORDER_NOT_CHANGEABLE). The service addresses the order
/// by its owner (URL-encoded: a subject such as "auth0|abc" holds characters a path must escape) and
/// reference, as order.placed names them.
/// </summary>
public abstract class FulfilOrderContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    // An identity provider's subject, with what a path segment must escape.
    private const string ProviderOwner = "auth0|abc def";

    // A subject with slashes is proven against the API process (Orders.FaultTests' FulfilmentWorkerTests,
    // whose owners include a URL-shaped one): the test host decodes %2F before routing, as Kestrel does not.
    [Theory]
    [InlineData("owner%2Fliteral")] // a literal "%2F", which must not be taken for a slash
    [InlineData("100%")]
    public async Task Fulfil_AddressesAnOwnerWithPercentSigns_ByItsEscapedSegment(string owner)
    {
        var (customer, service) = Clients(StartFactory(), owner);
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);

        var fulfilled = await service.FulfilOrderAsync(owner, reference);

        Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
        Assert.Equal("fulfilled", (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Fulfil_OfAPlacedOrder_Is200_WithTheFulfilledOrder_AndANewTag_ThenEveryRepeatIs409_NamingTheFulfilment()
    {
        var (customer, service) = Clients(StartFactory(), ProviderOwner);
        var reference = OrderRequests.NewReference();
        var placedTag = await customer.PlaceAsync(reference);
        Assert.Equal(HttpStatusCode.NotModified, (await customer.GetOrderIfNoneMatchAsync(reference, placedTag)).StatusCode);

        var fulfilled = await service.FulfilOrderAsync(ProviderOwner, reference, TransitionRequests.Shipment("DHL", "JD014600006281"));
        var repeat = await service.FulfilOrderAsync(ProviderOwner, reference, TransitionRequests.Shipment("DHL", "JD014600006281"));
        var otherTracking = await service.FulfilOrderAsync(ProviderOwner, reference, TransitionRequests.Shipment("DHL", "JD014600009999"));
        var bodiless = await service.FulfilOrderAsync(ProviderOwner, reference);

        Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
        var order = await fulfilled.ReadJsonAsync();
        Assert.Equal("fulfilled", (string?)order["status"]);
        Assert.Equal("DHL", (string?)order["carrier"]);
        Assert.Equal("JD014600006281", (string?)order["trackingNumber"]);
        var fulfilledAt = (DateTime)order["fulfilledAt"]!;
        Assert.InRange(fulfilledAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.Null(order["cancelledAt"]);
        Assert.Equal(reference, (string?)order["clientReference"]);
        var fulfilledTag = fulfilled.Headers.ETag!.ToString();
        Assert.NotEqual(placedTag, fulfilledTag);
        Assert.Equal(fulfilledTag, (string?)order["etag"]);

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal("application/problem+json", repeat.Content.Headers.ContentType!.MediaType);
        var problem = await repeat.ReadJsonAsync();
        Assert.Equal("ORDER_ALREADY_FULFILLED", (string?)problem["code"]);
        Assert.Equal("fulfilled", (string?)problem["orderStatus"]);
        Assert.Equal(reference, (string?)problem["clientReference"]);
        Assert.Equal((string?)order["orderId"], (string?)problem["orderId"]);
        Assert.Equal(fulfilledAt, (DateTime)problem["fulfilledAt"]!);
        Assert.Equal("DHL", (string?)problem["carrier"]);
        Assert.Equal("JD014600006281", (string?)problem["trackingNumber"]);
        Assert.Equal(fulfilledTag, (string?)problem["etag"]);
        Assert.True((bool)problem["sameRequest"]!);

        foreach (var other in new[] { otherTracking, bodiless })
        {
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            var otherProblem = await other.ReadJsonAsync();
            Assert.Equal("ORDER_ALREADY_FULFILLED", (string?)otherProblem["code"]);
            Assert.False((bool)otherProblem["sameRequest"]!);
            Assert.Equal("JD014600006281", (string?)otherProblem["trackingNumber"]);
        }

        // The customer sees the 200's order, and a poller holding the placed tag gets it with the new tag.
        var found = await customer.GetAsync($"/orders/{reference}", Ct);
        Assert.Equal(order.ToJsonString(), (await found.ReadJsonAsync()).ToJsonString());
        var polled = await customer.GetOrderIfNoneMatchAsync(reference, placedTag);
        Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        Assert.Equal(fulfilledTag, polled.Headers.ETag!.ToString());
        Assert.Equal("fulfilled", (string?)(await polled.ReadJsonAsync())["status"]);
        Assert.Equal(HttpStatusCode.NotModified, (await customer.GetOrderIfNoneMatchAsync(reference, fulfilledTag)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("{\"carrier\": null, \"trackingNumber\": null}")]
    public async Task Fulfil_WithoutABody_OrWithoutCarrierAndTracking_FulfilsWithNeither_AndItsRepeatIsTheSameRequest(string? body)
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);

        var response = await service.FulfilOrderAsync(Owner, reference, body is null ? null : JsonNode.Parse(body));
        var repeat = await service.FulfilOrderAsync(Owner, reference, body is null ? null : JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.ReadJsonAsync();
        Assert.Equal("fulfilled", (string?)order["status"]);
        Assert.NotNull(order["fulfilledAt"]);
        Assert.Null(order["carrier"]);
        Assert.Null(order["trackingNumber"]);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.True((bool)(await repeat.ReadJsonAsync())["sameRequest"]!);
    }

    [Fact]
    public async Task Fulfil_OfACancelledOrder_Is409_OrderCancelled_AndShipsNothing()
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);
        var cancelled = await customer.CancelOrderAsync(reference, "changed my mind");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        // With and without If-Match: a final state is answered as such whatever the condition said.
        var responses = new[]
        {
            await service.FulfilOrderAsync(Owner, reference, TransitionRequests.Shipment("DHL", "JD1")),
            await service.FulfilOrderAsync(Owner, reference, ifMatch: "\"0196a0b0c0d0e0f00000000000000000.1\""),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("ORDER_CANCELLED", (string?)problem["code"]);
            Assert.Equal("cancelled", (string?)problem["orderStatus"]);
            Assert.Equal(reference, (string?)problem["clientReference"]);
            Assert.Equal((string?)(await cancelled.ReadJsonAsync())["orderId"], (string?)problem["orderId"]);
            Assert.Equal(cancelled.Headers.ETag!.ToString(), (string?)problem["etag"]);
        }
        var stored = await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();
        Assert.Equal("cancelled", (string?)stored["status"]);
        Assert.Null(stored["fulfilledAt"]);
        Assert.Null(stored["carrier"]);
    }

    [Fact]
    public async Task CustomersCancel_OfAFulfilledOrder_Is409_NotCancellable_WithItsStatus_AndCancelsNothing()
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        var placedTag = await customer.PlaceAsync(reference);
        var fulfilled = await service.FulfilOrderAsync(Owner, reference, TransitionRequests.Shipment("UPS", "1Z999"));
        var fulfilledTag = fulfilled.Headers.ETag!.ToString();

        // Without If-Match, with the current tag, and with the placed tag (a retry of a cancel sent before the shipment).
        var responses = new[]
        {
            await customer.CancelOrderAsync(reference, "too late?"),
            await customer.CancelOrderAsync(reference, ifMatch: fulfilledTag),
            await customer.CancelOrderAsync(reference, "too late?", placedTag),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("ORDER_NOT_CANCELLABLE", (string?)problem["code"]);
            Assert.Equal("fulfilled", (string?)problem["orderStatus"]);
            Assert.Equal(reference, (string?)problem["clientReference"]);
            Assert.EndsWith($"/orders/{reference}", (string?)problem["orderUrl"], StringComparison.Ordinal);
            Assert.Equal(fulfilledTag, (string?)problem["etag"]);
            Assert.Null(problem["sameRequest"]);
        }
        var stored = await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();
        Assert.Equal("fulfilled", (string?)stored["status"]);
        Assert.Null(stored["cancelledAt"]);
        Assert.Equal(fulfilledTag, (string?)stored["etag"]);
    }

    [Fact]
    public async Task CustomersChange_OfAFulfilledOrder_Is409_NotChangeable_WithItsStatus()
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);
        var fulfilled = await service.FulfilOrderAsync(Owner, reference);
        var fulfilledTag = fulfilled.Headers.ETag!.ToString();

        var response = await customer.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), fulfilledTag);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("ORDER_NOT_CHANGEABLE", (string?)problem["code"]);
        Assert.Equal("fulfilled", (string?)problem["orderStatus"]);
        Assert.Equal(fulfilledTag, (string?)problem["etag"]);
        Assert.Equal("London", (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["shippingAddress"]!["city"]);
    }

    [Theory]
    [InlineData("{current}")]
    [InlineData("*")]
    [InlineData("\"other\", {current}")]
    public async Task Fulfil_WithAnIfMatchNamingTheCurrentVersion_Is200(string condition)
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        var tag = await customer.PlaceAsync(reference);

        var response = await service.FulfilOrderAsync(Owner, reference, ifMatch: condition.Replace("{current}", tag, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fulfilled", (string?)(await response.ReadJsonAsync())["status"]);
    }

    [Theory]
    [InlineData("\"0196a0b0c0d0e0f00000000000000000.1\"")]
    [InlineData("W/{current}")] // If-Match compares strongly (RFC 9110 §13.1.1)
    [InlineData("{changed}")] // the tag the order had before the customer's change
    public async Task Fulfil_WithAStaleIfMatch_Is412_WithTheCurrentOrderAndTag_AndFulfilsNothing(string condition)
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        var placedTag = await customer.PlaceAsync(reference);
        var changed = await customer.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), placedTag);
        var tag = changed.Headers.ETag!.ToString();

        var response = await service.FulfilOrderAsync(Owner, reference, TransitionRequests.Shipment("DHL", "JD1"),
            condition.Replace("{current}", tag, StringComparison.Ordinal).Replace("{changed}", placedTag, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(tag, response.Headers.ETag!.ToString());
        var problem = await response.ReadJsonAsync();
        Assert.Equal("PRECONDITION_FAILED", (string?)problem["code"]);
        Assert.Equal(tag, (string?)problem["etag"]);
        Assert.Equal("placed", (string?)problem["order"]!["status"]);
        Assert.Equal(tag, (string?)problem["order"]!["etag"]);
        Assert.Equal("placed", (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Fulfil_RetriedWithThePlacedTag_AfterItWon_Is409_AlreadyFulfilled_SameRequest_NotA412()
    {
        // A worker whose 200 was lost retries exactly what it sent: it must learn "fulfilled", not "stale".
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        var tag = await customer.PlaceAsync(reference);
        var shipment = TransitionRequests.Shipment("DHL", "JD014600006281");
        Assert.Equal(HttpStatusCode.OK, (await service.FulfilOrderAsync(Owner, reference, shipment, tag)).StatusCode);

        var retry = await service.FulfilOrderAsync(Owner, reference, shipment, tag);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        var problem = await retry.ReadJsonAsync();
        Assert.Equal("ORDER_ALREADY_FULFILLED", (string?)problem["code"]);
        Assert.True((bool)problem["sameRequest"]!);
    }

    [Fact]
    public async Task Fulfil_OfAnUnknownReference_Is404_AndOfAnOrderAddressedUnderAnotherOwner_Is404_Too()
    {
        var factory = StartFactory();
        var (customer, service) = Clients(factory);
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);
        // Another owner holds an order of the same reference: the owner in the path decides which.
        var (grace, _) = Clients(factory, "owner-grace");
        var gracesOwn = OrderRequests.NewReference();
        await grace.PlaceAsync(gracesOwn);

        var unknown = await service.FulfilOrderAsync(Owner, OrderRequests.NewReference());
        var underWrongOwner = await service.FulfilOrderAsync("owner-grace", reference);
        var gracesUnderAda = await service.FulfilOrderAsync(Owner, gracesOwn);
        var underAnUnknownOwner = await service.FulfilOrderAsync("owner-nobody", reference);

        foreach (var response in new[] { unknown, underWrongOwner, gracesUnderAda, underAnUnknownOwner })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("ORDER_NOT_FOUND", (string?)(await response.ReadJsonAsync())["code"]);
        }
        Assert.Equal("placed", (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
        Assert.Equal("placed", (string?)(await (await grace.GetAsync($"/orders/{gracesOwn}", Ct)).ReadJsonAsync())["status"]);
    }

    [Theory]
    [InlineData("{\"carrier\": \"\"}", "carrier")]
    [InlineData("{\"carrier\": \"   \"}", "carrier")]
    [InlineData("{\"carrier\": \"{101}\"}", "carrier")]
    [InlineData("{\"trackingNumber\": \"{101}\"}", "trackingNumber")]
    [InlineData("{\"trackingNumber\": 42}", "trackingNumber")]
    [InlineData("{\"carrier\": \"DHL\", \"shippedAt\": \"2026-01-01T00:00:00Z\"}", "shippedAt")]
    [InlineData("[]", "$")]
    public async Task Fulfil_WithABodyThatBreaksTheRules_Is400_AndFulfilsNothing(string body, string field)
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);

        var response = await service.FulfilOrderAsync(Owner, reference,
            JsonNode.Parse(body.Replace("{101}", new string('x', 101), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal("placed", (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Fulfil_WithACarrierAndTrackingNumberOf100Characters_Is200()
    {
        var (customer, service) = Clients(StartFactory());
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);

        var response = await service.FulfilOrderAsync(Owner, reference, TransitionRequests.Shipment(new string('é', 100), new string('9', 100)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new string('é', 100), (string?)(await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["carrier"]);
    }

    [Theory]
    [InlineData("owner", "{256}")] // longer than any owner a token may name
    [InlineData("owner", "owner%01ada")] // a control character
    [InlineData("clientReference", null)]
    public async Task Fulfil_WithAnOwnerOrReferenceNoOrderCanHave_Is400_NamingTheParameter(string parameter, string? owner)
    {
        var (_, service) = Clients(StartFactory());
        var reference = parameter == "clientReference" ? new string('r', 300) : OrderRequests.NewReference();
        var segment = owner?.Replace("{256}", new string('o', 256), StringComparison.Ordinal) ?? Owner;

        var response = await service.FulfilOrderAsync(segment, reference, rawOwner: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task FiftyOrders_EachCancelledAndFulfilledAtTheSameMoment_HaveExactlyOneWinner_TheLoserNamesItsState_AndOneEventIsWritten()
    {
        // Events on (the broker a closed port: the rows stay in the outbox to be counted), no rate limit:
        // a hundred transitions of one owner in a burst.
        var (customer, service) = Clients(StartFactory(new Dictionary<string, string?>
        {
            ["Events:Broker"] = "amqp://127.0.0.1:1/",
            ["Events:MaxBackoffSeconds"] = "30",
            ["RateLimiting:Enabled"] = "false",
        }));
        const int orders = 50;
        var (cancelsWon, fulfilsWon) = (0, 0);

        for (var i = 0; i < orders; i++)
        {
            var reference = OrderRequests.NewReference();
            await customer.PlaceAsync(reference);

            // Both requests wait at one gate and leave it together; which is queued first alternates.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var shipment = TransitionRequests.Shipment("DHL", $"JD{i}");
            Task<HttpResponseMessage> Cancel() => Task.Run(async () => { await gate.Task; return await customer.CancelOrderAsync(reference, "race"); }, Ct);
            Task<HttpResponseMessage> Fulfil() => Task.Run(async () => { await gate.Task; return await service.FulfilOrderAsync(Owner, reference, shipment); }, Ct);
            Task<HttpResponseMessage> cancelTask, fulfilTask;
            if (i % 2 == 0)
            {
                (cancelTask, fulfilTask) = (Cancel(), Fulfil());
            }
            else
            {
                fulfilTask = Fulfil();
                cancelTask = Cancel();
            }
            gate.SetResult();
            var (cancel, fulfil) = (await cancelTask, await fulfilTask);

            var winnerStatus = await AssertOneWinnerAsync(reference, cancel, fulfil);
            if (winnerStatus == "cancelled")
            {
                cancelsWon++;
            }
            else
            {
                fulfilsWon++;
            }

            // Exactly one transition event, of version 2, for the winner; the order is in the winner's state.
            var events = await Database.EventsOfAsync(Owner, reference);
            Assert.Equal(["order.placed", winnerStatus == "cancelled" ? "order.cancelled" : "order.fulfilled"], events.Select(e => e.Type));
            Assert.Equal([1L, 2L], events.Select(e => e.OrderVersion));
            var stored = await (await customer.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();
            Assert.Equal(winnerStatus, (string?)stored["status"]);
            Assert.Equal(winnerStatus == "cancelled", stored["cancelledAt"] is not null);
            Assert.Equal(winnerStatus == "fulfilled", stored["fulfilledAt"] is not null);
        }

        Assert.Equal(orders, cancelsWon + fulfilsWon);
        TestContext.Current.SendDiagnosticMessage(
            $"cancel/fulfil race on {Database.Name}: {orders} orders, {cancelsWon} won by the cancel, {fulfilsWon} by the fulfilment, one winner and one event each");
    }

    /// <summary>One 200 and one 409 naming the winner's state, with the winner's tag; returns the winner's status.</summary>
    private async Task<string> AssertOneWinnerAsync(string reference, HttpResponseMessage cancel, HttpResponseMessage fulfil)
    {
        var statuses = $"cancel {(int)cancel.StatusCode}, fulfil {(int)fulfil.StatusCode} for {reference} on {Database.Name}";
        var (winner, loser) = (cancel.StatusCode, fulfil.StatusCode) switch
        {
            (HttpStatusCode.OK, HttpStatusCode.Conflict) => (cancel, fulfil),
            (HttpStatusCode.Conflict, HttpStatusCode.OK) => (fulfil, cancel),
            _ => throw new Xunit.Sdk.XunitException($"not exactly one winner: {statuses}"),
        };
        var won = await winner.ReadJsonAsync();
        var problem = await loser.ReadJsonAsync();
        var winnerStatus = (string?)won["status"];
        Assert.Equal(winner == cancel ? "cancelled" : "fulfilled", winnerStatus);
        Assert.Equal(winner == cancel ? "ORDER_CANCELLED" : "ORDER_NOT_CANCELLABLE", (string?)problem["code"]);
        Assert.Equal(winnerStatus, (string?)problem["orderStatus"]);
        Assert.Equal((string?)won["etag"], (string?)problem["etag"]);
        return winnerStatus!;
    }

    /// <summary>The customer's client (its token's subject <paramref name="owner"/>) and the fulfilment service's, on one app.</summary>
    private static (HttpClient Customer, HttpClient Service) Clients(OrdersApiFactory factory, string owner = Owner) =>
        (factory.CreateClientWithToken(TestTokens.Mint(owner)), factory.CreateClientWithToken(TestTokens.MintService()));
}
