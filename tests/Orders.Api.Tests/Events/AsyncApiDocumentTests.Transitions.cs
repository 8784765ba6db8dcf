using System.Text.Json.Nodes;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// order.cancelled, order.changed and order.fulfilled against asyncapi.yaml: the payloads the factory makes, completed as
/// every store's statement completes them (<see cref="TransitionEvent.PayloadFor"/>), validate; each
/// schema names exactly the members the code writes; and each shared field has the API's own limits.
/// </summary>
public sealed partial class AsyncApiDocumentTests
{
    [Fact]
    public void CancelledSchema_AcceptsTheEventsTheAppBuilds_AndNoOtherShape()
    {
        var events = EventFactory();
        var withReason = Payload(events.CancelledFor(TransitionSamples.Cancellation("Ordered the wrong size"))!);
        var withoutReason = Payload(events.CancelledFor(TransitionSamples.Cancellation(null))!);

        Assert.Null(Document.PayloadErrors(withReason, OrderEventTypes.Cancelled));
        Assert.Null(Document.PayloadErrors(withoutReason, OrderEventTypes.Cancelled));
        Assert.NotNull(Document.PayloadErrors(withReason, OrderEventTypes.Changed));
        Assert.NotNull(Document.PayloadErrors(Without(withReason, "version"), OrderEventTypes.Cancelled));
    }

    [Fact]
    public void FulfilledSchema_AcceptsTheEventsTheAppBuilds_AndNoOtherShape()
    {
        var events = EventFactory();
        var withShipment = Payload(events.FulfilledFor(TransitionSamples.Fulfilment("DHL", "JD014600006281"))!);
        var withoutShipment = Payload(events.FulfilledFor(TransitionSamples.Fulfilment(null, null))!);

        Assert.Null(Document.PayloadErrors(withShipment, OrderEventTypes.Fulfilled));
        Assert.Null(Document.PayloadErrors(withoutShipment, OrderEventTypes.Fulfilled));
        Assert.NotNull(Document.PayloadErrors(withShipment, OrderEventTypes.Cancelled));
        Assert.NotNull(Document.PayloadErrors(Without(withShipment, "version"), OrderEventTypes.Fulfilled));
    }

    [Fact]
    public void ChangedSchema_AcceptsTheEventsTheAppBuilds_ForEveryShapeOfPatch_AndNoOtherShape()
    {
        var events = EventFactory();
        var payloads = TransitionSamples.Patches.Select(patch => Payload(events.ChangedFor(TransitionSamples.Change(patch))!)).ToList();

        Assert.All(payloads, payload => Assert.Null(Document.PayloadErrors(payload, OrderEventTypes.Changed)));
        Assert.NotNull(Document.PayloadErrors(payloads[0], OrderEventTypes.Cancelled));
        Assert.NotNull(Document.PayloadErrors(Without(payloads[0], "version"), OrderEventTypes.Changed));
    }

    [Fact]
    public void TransitionSchemas_NameExactlyTheMembersTheCodeWrites()
    {
        var events = EventFactory();
        var cancelled = JsonNode.Parse(Payload(events.CancelledFor(TransitionSamples.Cancellation("Ordered the wrong size"))!))!.AsObject();
        var changed = JsonNode.Parse(Payload(events.ChangedFor(TransitionSamples.Change(TransitionSamples.SetsEverything))!))!.AsObject();
        var fulfilled = JsonNode.Parse(Payload(events.FulfilledFor(TransitionSamples.Fulfilment("DHL", "JD014600006281"))!))!.AsObject();
        var changes = changed["changes"]!.AsObject();

        // Members in the order the code writes them; the first two come from the updated row.
        Assert.Equal(["orderId", "version", "clientReference", "status", "cancelledAt", "cancellationReason"], cancelled.Select(p => p.Key));
        Assert.Equal(["orderId", "version", "clientReference", "changedAt", "changes"], changed.Select(p => p.Key));
        Assert.Equal(["orderId", "version", "clientReference", "status", "fulfilledAt", "carrier", "trackingNumber"], fulfilled.Select(p => p.Key));
        AssertNames("OrderCancelled", cancelled, everyOneRequired: true);
        AssertNames("OrderChanged", changed, everyOneRequired: true);
        AssertNames("OrderFulfilled", fulfilled, everyOneRequired: true);
        AssertNames("OrderChanges", changes, everyOneRequired: false);
        AssertNames("CustomerChanges", changes["customer"]!.AsObject(), everyOneRequired: false);
        AssertNames("ShippingAddressChanges", changes["shippingAddress"]!.AsObject(), everyOneRequired: false);
    }

    [Theory]
    [InlineData("OrderCancelled", "OrderResponse")]
    [InlineData("OrderChanged", "OrderResponse")]
    [InlineData("OrderFulfilled", "OrderResponse")]
    [InlineData("OrderChanges", "ChangeOrderRequest")]
    [InlineData("CustomerChanges", "CustomerChangeRequest")]
    [InlineData("ShippingAddressChanges", "ShippingAddressChangeRequest")]
    public void TransitionSchemas_HaveTheLimitsOfTheApisOwnSchemas(string asyncApiSchema, string openApiSchema)
    {
        // An event's order fields are the answer's; its changes are the PATCH body as the API read it.
        var openApi = AsyncApiDocument.ReadYaml(File.ReadAllText(RepositoryFiles.PathOf("openapi.yaml")));
        var theirs = openApi["components"]!["schemas"]![openApiSchema]!["properties"]!.AsObject();
        var ours = Document.Root["components"]!["schemas"]![asyncApiSchema]!["properties"]!.AsObject();
        var ownMembers = OnlyInTheEvent.GetValueOrDefault(asyncApiSchema, []);

        Assert.Subset(theirs.Select(p => p.Key).ToHashSet(), ours.Select(p => p.Key).Except(ownMembers).ToHashSet());
        foreach (var (name, property) in ours.Where(p => !ownMembers.Contains(p.Key)))
        {
            var expected = Constraints(theirs[name]!);
            var actual = Constraints(property!);
            if (name == "status")
            {
                // Narrowed: a cancel's or fulfilment's event names the status it reached, one of the answer's.
                Assert.Subset(Enum(theirs[name]!), Enum(property!));
                continue;
            }
            if (NeverNullInTheEvent.Contains($"{asyncApiSchema}.{name}"))
            {
                expected = expected.Replace("null|", "", StringComparison.Ordinal);
            }
            Assert.True(expected == actual, $"{asyncApiSchema}.{name}: asyncapi.yaml says {actual}, openapi.yaml says {expected}");
        }
    }

    /// <summary>Members of a transition event the API's order does not show, each with its reason.</summary>
    private static readonly Dictionary<string, string[]> OnlyInTheEvent = new(StringComparer.Ordinal)
    {
        // version: the order's version after the transition, which the answer carries inside its etag;
        // a consumer orders one order's events by it. changedAt/changes: what a change did, not a state.
        ["OrderCancelled"] = ["version"],
        ["OrderChanged"] = ["version", "changedAt", "changes"],
        ["OrderFulfilled"] = ["version"],
    };

    /// <summary>Nullable in the answer, never null in the event: an order.cancelled or order.fulfilled always has its time.</summary>
    private static readonly HashSet<string> NeverNullInTheEvent = new(StringComparer.Ordinal) { "OrderCancelled.cancelledAt", "OrderFulfilled.fulfilledAt" };

    private static HashSet<string?> Enum(JsonNode property) => property["enum"]!.AsArray().Select(value => (string?)value).ToHashSet();

    private static void AssertNames(string asyncApiSchema, JsonObject written, bool everyOneRequired)
    {
        var schema = Document.Root["components"]!["schemas"]![asyncApiSchema]!;
        Assert.Equal(Names(schema["properties"]!.AsObject()), written.Select(p => p.Key).Order(StringComparer.Ordinal));
        var required = schema["required"] is JsonArray list ? Strings(list) : Array.Empty<string>();
        Assert.Equal(everyOneRequired ? Names(schema["properties"]!.AsObject()) : Array.Empty<string>(), required);
    }

    /// <summary>The body every store writes for the event's row (order id and version from the updated row).</summary>
    private static string Payload(TransitionEvent transition) => transition.PayloadFor(Guid.CreateVersion7(), 2);

    private static string Without(string payload, string member)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        json.Remove(member);
        return json.ToJsonString();
    }
}
