using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// One order's life through a real RabbitMQ, as a consumer bound to <c>order.#</c> sees it: placed,
/// changed twice, cancelled, each transition exactly one event carrying the version it made, none for
/// a refused request (428, 412, 409), and a consumer that applies the events in version order ends with
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
                foreach (var member in new[] { "status", "cancelledAt", "cancellationReason" })
                {
                    order[member] = payload[member]?.DeepClone();
                }
            }
        }
        return order;
    }
}
