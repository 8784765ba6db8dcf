using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// One order's life through a real RabbitMQ, as a consumer bound to <c>order.#</c> sees it: placed,
/// changed twice, cancelled (or placed and fulfilled), each transition exactly one event carrying the
/// version it made, none for a refused request (428, 412, 409), and a consumer that applies the events in version order ends with
/// the order the API shows (asyncapi.yaml, "Order").
/// </summary>
[Collection(EventSuite.Name)]
public abstract class TransitionEventsContract<TDatabase>(TDatabase database, RabbitMqNode rabbit) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private static readonly AsyncApiDocument Contract = AsyncApiDocument.Load();

    [Fact]
    public async Task PlacedChangedChangedCancelled_ArriveInThatOrder_WithVersions1To4_OneEventPerTransition_NoneForRefusals()
    {
        await rabbit.RequireAsync();
        var owner = EventSuite.NewOwner();
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner, "order.#");
        var client = StartFactory(EventSuite.Settings(rabbit.Uri)).CreateClientWithToken(TestTokens.Mint(owner));
        var reference = OrderRequests.NewReference();
        var moved = TransitionRequests.NewCity("Potsdam");
        var renamed = new JsonObject { ["customer"] = new JsonObject { ["name"] = "Ada King", ["phone"] = null } };

        // Given four transitions that apply, each followed by what is refused after it
        var placedTag = await client.PlaceAsync(reference);
        var firstChange = await client.ChangeOrderAsync(reference, moved, placedTag);
        var refused = new List<HttpResponseMessage>
        {
            await client.ChangeOrderAsync(reference, moved, ifMatch: null), // 428
            await client.ChangeOrderAsync(reference, moved, placedTag), // 412, alreadyApplied: its 200 was lost
            await client.ChangeOrderAsync(reference, renamed, placedTag), // 412, someone else's change is in
        };
        var secondChange = await client.ChangeOrderAsync(reference, renamed, Tag(firstChange));
        refused.Add(await client.CancelOrderAsync(reference, "Changed my mind", placedTag)); // 412
        var cancel = await client.CancelOrderAsync(reference, "Changed my mind", Tag(secondChange));
        refused.Add(await client.CancelOrderAsync(reference, "Changed my mind")); // 409 ORDER_ALREADY_CANCELLED
        refused.Add(await client.ChangeOrderAsync(reference, moved, Tag(cancel))); // 409 ORDER_NOT_CHANGEABLE

        // Then the answers are what the API promises ...
        Assert.All(new[] { firstChange, secondChange, cancel }, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal([(HttpStatusCode)428, HttpStatusCode.PreconditionFailed, HttpStatusCode.PreconditionFailed,
            HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict, HttpStatusCode.Conflict], refused.Select(r => r.StatusCode));

        // ... and the consumer receives exactly four events, in the order of the versions they made
        Assert.True(await collector.WaitForDistinctAsync(4, Arrival), $"{collector.Distinct.Count} of 4 events arrived");
        await EventCollector.SettleAsync();
        var received = collector.Distinct;
        Assert.Equal(4, received.Count);
        Assert.Equal(4, await Database.CountEventsAsync(owner));
        Assert.Equal(["order.placed", "order.changed", "order.changed", "order.cancelled"], received.Select(e => e.RoutingKey));
        var payloads = received.Select(Contract.Decode).ToList();
        Assert.All(payloads, payload => Assert.Equal((string?)payloads[0]["orderId"], (string?)payload["orderId"]));
        Assert.Equal([2L, 3L, 4L], payloads.Skip(1).Select(payload => (long)payload["version"]!));
        var stored = (await Database.StoredEventsAsync(owner)).ToDictionary(e => e.EventId.ToString(), e => e.OrderVersion);
        Assert.Equal([1L, 2L, 3L, 4L], received.Select(e => stored[e.MessageId!]));

        // ... whose changes are the patches sent, and which, applied in order, give the order the API shows
        Assert.True(JsonNode.DeepEquals(moved, payloads[1]["changes"]), $"changes {payloads[1]["changes"]} are not the patch {moved}");
        Assert.True(JsonNode.DeepEquals(renamed, payloads[2]["changes"]), $"changes {payloads[2]["changes"]} are not the patch {renamed}");
        var shown = await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();
        shown.Remove("etag");
        var rebuilt = Rebuild(payloads);
        Assert.True(JsonNode.DeepEquals(shown, rebuilt), $"the events rebuild {rebuilt}, the API shows {shown}");
        EventSuite.Report($"{Database.Name}: 4 events of one order in version order, {collector.Redeliveries} redeliveries");
    }

    [Fact]
    public async Task PlacedThenFulfilled_ArriveWithVersions1And2_OneEventPerTransition_NoneForRefusals_NorForACancelledOrder()
    {
        await rabbit.RequireAsync();
        // An identity provider's subject: the owner header carries it as the service must send it back.
        var owner = $"auth0|{EventSuite.NewOwner()}";
        await using var collector = await EventCollector.StartAsync(rabbit.Uri, owner, "order.#");
        var factory = StartFactory(EventSuite.Settings(rabbit.Uri));
        var client = factory.CreateClientWithToken(TestTokens.Mint(owner));
        var service = factory.CreateClientWithToken(TestTokens.MintService());
        var (shipped, cancelled) = (OrderRequests.NewReference(), OrderRequests.NewReference());
        var shipment = TransitionRequests.Shipment("DHL", "JD014600006281");

        // Given one order placed and fulfilled, each followed by what is refused after it, and one placed
        // and cancelled before the service comes to fulfil it
        var placedTag = await client.PlaceAsync(shipped);
        var fulfil = await service.FulfilOrderAsync(owner, shipped, shipment, placedTag);
        var refused = new List<HttpResponseMessage>
        {
            await service.FulfilOrderAsync(owner, shipped, shipment), // 409 ORDER_ALREADY_FULFILLED, sameRequest
            await service.FulfilOrderAsync(owner, shipped, shipment, placedTag), // 409: its 200 was lost
            await client.CancelOrderAsync(shipped, "Changed my mind"), // 409 ORDER_NOT_CANCELLABLE
            await client.ChangeOrderAsync(shipped, TransitionRequests.NewCity("Potsdam"), Tag(fulfil)), // 409 ORDER_NOT_CHANGEABLE
        };
        await client.PlaceAsync(cancelled);
        var cancel = await client.CancelOrderAsync(cancelled, "Changed my mind");
        refused.Add(await service.FulfilOrderAsync(owner, cancelled, shipment)); // 409 ORDER_CANCELLED

        // Then the answers are what the API promises ...
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], new[] { fulfil.StatusCode, cancel.StatusCode });
        Assert.All(refused, response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));

        // ... and the consumer receives exactly four events: each order's placed, then its one transition
        Assert.True(await collector.WaitForDistinctAsync(4, Arrival), $"{collector.Distinct.Count} of 4 events arrived");
        await EventCollector.SettleAsync();
        var received = collector.Distinct;
        Assert.Equal(4, received.Count);
        Assert.Equal(4, await Database.CountEventsAsync(owner));
        Assert.All(received, e => Assert.Equal(owner, e.Owner));
        var payloads = received.Select(e => (e.RoutingKey, Payload: Contract.Decode(e))).ToList();
        var ofShipped = payloads.Where(p => (string?)p.Payload["clientReference"] == shipped).ToList();
        var ofCancelled = payloads.Where(p => (string?)p.Payload["clientReference"] == cancelled).ToList();
        Assert.Equal(["order.placed", "order.fulfilled"], ofShipped.Select(p => p.RoutingKey));
        Assert.Equal(["order.placed", "order.cancelled"], ofCancelled.Select(p => p.RoutingKey));

        // ... the order.fulfilled one carrying version 2 and the shipment, as the 200 showed it
        var fulfilled = ofShipped[1].Payload;
        var shown = await fulfil.ReadJsonAsync();
        Assert.Equal((string?)shown["orderId"], (string?)fulfilled["orderId"]);
        Assert.Equal(2L, (long)fulfilled["version"]!);
        Assert.Equal("fulfilled", (string?)fulfilled["status"]);
        Assert.Equal((DateTime)shown["fulfilledAt"]!, (DateTime)fulfilled["fulfilledAt"]!);
        Assert.Equal("DHL", (string?)fulfilled["carrier"]);
        Assert.Equal("JD014600006281", (string?)fulfilled["trackingNumber"]);
        var fulfilledEvent = received.Single(e => e.RoutingKey == "order.fulfilled");
        var stored = (await Database.StoredEventsAsync(owner)).ToDictionary(e => e.EventId.ToString(), e => (e.Type, e.OrderVersion));
        Assert.Equal(("order.fulfilled", 2L), stored[fulfilledEvent.MessageId!]);
        Assert.Null(ofShipped[0].Payload["fulfilledAt"]);

        // ... and a consumer that applies them in version order ends with the order the API shows
        var current = await (await client.GetAsync($"/orders/{shipped}", Ct)).ReadJsonAsync();
        current.Remove("etag");
        var rebuilt = Rebuild([ofShipped[0].Payload, fulfilled]);
        Assert.True(JsonNode.DeepEquals(current, rebuilt), $"the events rebuild {rebuilt}, the API shows {current}");
        EventSuite.Report($"{Database.Name}: placed and fulfilled, placed and cancelled: 4 events, none for 5 refusals, {collector.Redeliveries} redeliveries");
    }

    private static string Tag(HttpResponseMessage response) => response.Headers.ETag!.ToString();

    /// <summary>What a consumer holds after applying each event whose version is one more than its own.</summary>
    private static JsonObject Rebuild(List<JsonObject> payloads)
    {
        var order = payloads[0].DeepClone().AsObject();
        var version = 1L;
        foreach (var payload in payloads.Skip(1))
        {
            Assert.Equal(version + 1, (long)payload["version"]!);
            version++;
            if (payload["changes"] is JsonObject changes)
            {
                JsonMergePatch.Apply(order, changes);
            }
            else
            {
                // A cancel's or a fulfilment's payload: the members it carries, the others as they were.
                foreach (var member in new[] { "status", "cancelledAt", "cancellationReason", "fulfilledAt", "carrier", "trackingNumber" })
                {
                    if (payload.ContainsKey(member))
                    {
                        order[member] = payload[member]?.DeepClone();
                    }
                }
            }
        }
        return order;
    }
}
