using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Cancel and change at the store (<see cref="IOrderStore.CancelAsync"/>, <see cref="IOrderStore.ChangeAsync"/>):
/// one conditional update decides, a refusal writes nothing, a retry of a committed request learns it
/// applied, and every applied transition writes exactly one event of the version it produced. Events
/// are on in every test (a broker that is never reached: the rows stay in the outbox to be checked).
/// </summary>
public abstract class TransitionStoreContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    // Microseconds: what every store keeps of a time, so it reads back exactly.
    private static readonly DateTime At = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230);

    // Free text with what a naive payload or statement would break on.
    private const string Reason = "Bestellt \"aus Versehen\" — zu spät, it's 'wrong'";

    [Fact]
    public async Task Cancel_OfAPlacedOrder_AppliesIt_StoresWhenAndWhy_AndWritesOneEventOfVersion2()
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var cancellation = Cancellation(reference);

        var result = await StoreOf(factory).CancelAsync(cancellation, Ct);

        var cancelled = Assert.IsType<TransitionResult.Applied>(result).Order;
        Assert.Equal(placed.OrderId, cancelled.OrderId);
        Assert.Equal(Order.CancelledStatus, cancelled.Status);
        Assert.Equal(2, cancelled.Version);
        Assert.Equal(At, cancelled.CancelledAt);
        Assert.Equal(DateTimeKind.Utc, cancelled.CancelledAt!.Value.Kind);
        Assert.Equal(Reason, cancelled.CancellationReason);
        Assert.Equal(placed.Lines, cancelled.Lines);
        Assert.Equal(cancelled, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellation)!));
    }

    [Fact]
    public async Task Cancel_WithoutAReason_StoresNone()
    {
        var (factory, reference, _) = await PlacedOrderAsync();

        var result = await StoreOf(factory).CancelAsync(Cancellation(reference) with { Reason = null }, Ct);

        Assert.Null(Assert.IsType<TransitionResult.Applied>(result).Order.CancellationReason);
        Assert.Null((await StoreOf(factory).FindAsync(Owner, reference, Ct))!.CancellationReason);
    }

    [Fact]
    public async Task Cancel_OfACancelledOrder_IsRefusedWithTheOrderAsTheFirstCancelLeftIt()
    {
        var (factory, reference, _) = await PlacedOrderAsync();
        var first = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).CancelAsync(Cancellation(reference), Ct)).Order;

        var second = await StoreOf(factory).CancelAsync(
            Cancellation(reference) with { Reason = "another", CancelledAt = At.AddMinutes(1) }, Ct);

        Assert.Equal(first, Assert.IsType<TransitionResult.Refused>(second).Current, OrderComparer);
        Assert.Equal(1, await Database.CountEventsOfTypeAsync(Owner, reference, OrderEventTypes.Cancelled));
    }

    [Fact]
    public async Task Cancel_RetriedWithTheSameChangeIdAfterItCommitted_IsApplied_AndWritesNothingMore()
    {
        // A request whose transaction committed but whose answer was lost with its connection runs
        // again with the same change id (the transient retry): the row says this request applied it.
        var (factory, reference, _) = await PlacedOrderAsync();
        var cancellation = Cancellation(reference);
        var first = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).CancelAsync(cancellation, Ct)).Order;

        var retry = await StoreOf(factory).CancelAsync(cancellation, Ct);

        Assert.Equal(first, Assert.IsType<TransitionResult.Applied>(retry).Order, OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellation)!));
    }

    [Fact]
    public async Task Change_RetriedWithTheSameChangeIdAfterItCommitted_IsApplied_AndChangesNothingMore()
    {
        // Unlike a cancel, a change leaves the order placed, so without If-Match (If-Match: *) the
        // retry's update would match again: the row's change id must stop it, or the order would move
        // to version 3 with no event of that version.
        var (factory, reference, _) = await PlacedOrderAsync();
        var change = Change(reference, NameAndPhone);
        var first = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).ChangeAsync(change, Ct)).Order;

        var retry = await StoreOf(factory).ChangeAsync(change, Ct);

        Assert.Equal(first, Assert.IsType<TransitionResult.Applied>(retry).Order, OrderComparer);
        Assert.Equal(2, first.Version);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Changed, Events(factory).ChangedFor(change)!));
    }

    [Fact]
    public async Task CancelAndChange_OfAnUnknownReference_AreNotFound()
    {
        var factory = StartEventsFactory();
        var reference = OrderRequests.NewReference();

        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).CancelAsync(Cancellation(reference), Ct));
        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).ChangeAsync(Change(reference, NameAndPhone), Ct));
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task CancelAndChange_OfAReferenceThatOnlyLooksLikeAStoredOne_AreNotFound_AndLeaveThatOrderAlone()
    {
        // SQL Server's varchar key would take 'ē' for 'e' by best fit (SqlServerParameters.FitsClientReference):
        // a cancel must never reach the order whose reference merely looks the same.
        var (factory, reference, placed) = await PlacedOrderAsync();
        Assert.StartsWith("te", reference, StringComparison.Ordinal);
        var lookalike = string.Concat("t\u0113", reference.AsSpan(2));

        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).CancelAsync(Cancellation(lookalike), Ct));
        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).ChangeAsync(Change(lookalike, NameAndPhone), Ct));
        Assert.Equal(placed, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
    }

    [Theory]
    [InlineData("older version")]
    [InlineData("newer version")]
    [InlineData("other order")]
    public async Task CancelAndChange_WithAStaleIfMatch_AreRefused_AndWriteNothing(string stale)
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var ifMatch = stale switch
        {
            "older version" => new OrderVersion(placed.OrderId, placed.Version - 1),
            "newer version" => new OrderVersion(placed.OrderId, placed.Version + 1),
            _ => new OrderVersion(Guid.CreateVersion7(), placed.Version),
        };

        var cancel = await StoreOf(factory).CancelAsync(Cancellation(reference) with { IfMatch = ifMatch }, Ct);
        var change = await StoreOf(factory).ChangeAsync(Change(reference, NameAndPhone) with { IfMatch = ifMatch }, Ct);

        await AssertRefusedWithNothingWrittenAsync(factory, reference, placed, cancel, change);
    }

    [Fact]
    public async Task CancelAndChange_WithTheCurrentIfMatch_AreApplied()
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var change = Change(reference, NameAndPhone) with { IfMatch = new OrderVersion(placed.OrderId, placed.Version) };

        var changed = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).ChangeAsync(change, Ct)).Order;
        var cancellation = Cancellation(reference) with { IfMatch = new OrderVersion(changed.OrderId, changed.Version) };
        var cancelled = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).CancelAsync(cancellation, Ct)).Order;

        Assert.Equal((2, 3), (changed.Version, cancelled.Version));
        Assert.Equal(Order.CancelledStatus, cancelled.Status);
        await AssertEventsAsync(factory, reference,
            (OrderEventTypes.Changed, Events(factory).ChangedFor(change)!),
            (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellation)!));
    }

    [Theory]
    [InlineData(nameof(NameAndPhone))]
    [InlineData(nameof(NoNameNoPhone))]
    [InlineData(nameof(WholeAddress))]
    [InlineData(nameof(OneAddressMember))]
    [InlineData(nameof(OptionalAddressMemberRemoved))]
    [InlineData(nameof(NoAddress))]
    public async Task Change_SetsWhatThePatchSets_KeepsTheRest_AndWritesOneEventOfVersion2(string patchName)
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var patch = Patches[patchName];
        var change = Change(reference, patch);

        var changed = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).ChangeAsync(change, Ct)).Order;

        var expected = patch.ApplyTo(placed)! with { Version = 2 };
        Assert.Equal(expected, changed, OrderComparer);
        Assert.Equal(expected, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Changed, Events(factory).ChangedFor(change)!));
    }

    [Fact]
    public async Task Change_ThatOnlyCompletesAnAddress_OfAnOrderWithoutOne_IsRefused_AndWritesNothing()
    {
        var (factory, reference, placed) = await PlacedOrderAsync(withAddress: false);
        Assert.True(OneAddressMember.NeedsStoredAddress);

        var result = await StoreOf(factory).ChangeAsync(Change(reference, OneAddressMember), Ct);

        await AssertRefusedWithNothingWrittenAsync(factory, reference, placed, result);
    }

    [Fact]
    public async Task Change_OfACancelledOrder_IsRefused_AndWritesNothing()
    {
        var (factory, reference, _) = await PlacedOrderAsync();
        var cancellation = Cancellation(reference);
        var cancelled = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).CancelAsync(cancellation, Ct)).Order;

        var result = await StoreOf(factory).ChangeAsync(Change(reference, NameAndPhone), Ct);

        Assert.Equal(cancelled, Assert.IsType<TransitionResult.Refused>(result).Current, OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellation)!));
    }

    [Fact]
    public async Task FiftyConcurrentCancels_WithDistinctChangeIds_ApplyExactlyOnce_49AreRefused_AndOneEventIsWritten()
    {
        var (factory, reference, _) = await PlacedOrderAsync();
        var store = StoreOf(factory);
        var cancellations = Enumerable.Range(0, 50).Select(i => Cancellation(reference) with { Reason = $"reason {i}" }).ToList();

        var results = await Task.WhenAll(cancellations.Select(cancellation => Task.Run(() => store.CancelAsync(cancellation, Ct), Ct)));

        var applied = Assert.Single(results.OfType<TransitionResult.Applied>()).Order;
        var refused = results.OfType<TransitionResult.Refused>().ToList();
        Assert.Equal(49, refused.Count);
        // Every refusal was answered after the winner committed: each saw the cancelled order.
        Assert.All(refused, refusal => Assert.Equal(applied, refusal.Current, OrderComparer));
        var winner = cancellations[Array.FindIndex(results, result => result is TransitionResult.Applied)];
        Assert.Equal(winner.Reason, applied.CancellationReason);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(winner)!));
    }

    [Fact]
    public async Task FiftyConcurrentChanges_WithTheSameIfMatch_ApplyExactlyOnce_49AreRefused_AndOneEventIsWritten()
    {
        // The order stays placed, so only the version condition stops the others: each waits on the
        // row lock, then finds the version moved on.
        var (factory, reference, placed) = await PlacedOrderAsync();
        var store = StoreOf(factory);
        var ifMatch = new OrderVersion(placed.OrderId, placed.Version);
        var changes = Enumerable.Range(0, 50)
            .Select(i => Change(reference, Patch(name: Set($"name {i}"))) with { IfMatch = ifMatch })
            .ToList();

        var results = await Task.WhenAll(changes.Select(change => Task.Run(() => store.ChangeAsync(change, Ct), Ct)));

        var applied = Assert.Single(results.OfType<TransitionResult.Applied>()).Order;
        Assert.Equal(2, applied.Version);
        Assert.All(results.OfType<TransitionResult.Refused>(), refusal => Assert.Equal(applied, refusal.Current, OrderComparer));
        Assert.Equal(49, results.OfType<TransitionResult.Refused>().Count());
        var winner = changes[Array.FindIndex(results, result => result is TransitionResult.Applied)];
        Assert.Equal(winner.Patch.CustomerName.Value, applied.Customer.Name);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Changed, Events(factory).ChangedFor(winner)!));
    }

    [Fact]
    public async Task Fulfil_OfAPlacedOrder_AppliesIt_StoresWhenCarrierAndTracking_AndWritesOneEventOfVersion2()
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var fulfilment = Fulfilment(reference);

        var result = await StoreOf(factory).FulfilAsync(fulfilment, Ct);

        var fulfilled = Assert.IsType<TransitionResult.Applied>(result).Order;
        Assert.Equal(placed.OrderId, fulfilled.OrderId);
        Assert.Equal(Order.FulfilledStatus, fulfilled.Status);
        Assert.Equal(2, fulfilled.Version);
        Assert.Equal(At, fulfilled.FulfilledAt);
        Assert.Equal(DateTimeKind.Utc, fulfilled.FulfilledAt!.Value.Kind);
        Assert.Equal((Carrier, TrackingNumber), (fulfilled.Carrier, fulfilled.TrackingNumber));
        Assert.Null(fulfilled.CancelledAt);
        Assert.Equal(placed.Lines, fulfilled.Lines);
        Assert.Equal(placed with { Lines = NoLines, Status = Order.FulfilledStatus, Version = 2, FulfilledAt = At, Carrier = Carrier, TrackingNumber = TrackingNumber },
            fulfilled with { Lines = NoLines });
        Assert.Equal(fulfilled, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilment)!));
    }

    [Fact]
    public async Task Fulfil_WithoutCarrierOrTracking_StoresNeither()
    {
        var (factory, reference, _) = await PlacedOrderAsync();

        var result = await StoreOf(factory).FulfilAsync(Fulfilment(reference) with { Carrier = null, TrackingNumber = null }, Ct);

        var fulfilled = Assert.IsType<TransitionResult.Applied>(result).Order;
        Assert.Equal((Order.FulfilledStatus, null, null), (fulfilled.Status, fulfilled.Carrier, fulfilled.TrackingNumber));
        Assert.Equal(fulfilled, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
    }

    [Fact]
    public async Task Fulfil_OfAFulfilledOrder_IsRefusedWithTheOrderAsTheFirstFulfilmentLeftIt()
    {
        var (factory, reference, _) = await PlacedOrderAsync();
        var fulfilment = Fulfilment(reference);
        var first = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).FulfilAsync(fulfilment, Ct)).Order;

        var second = await StoreOf(factory).FulfilAsync(
            Fulfilment(reference) with { Carrier = "UPS", TrackingNumber = "1Z999", FulfilledAt = At.AddMinutes(1) }, Ct);

        Assert.Equal(first, Assert.IsType<TransitionResult.Refused>(second).Current, OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilment)!));
    }

    [Fact]
    public async Task Fulfil_OfACancelledOrder_IsRefused_AndCancel_ChangeOfAFulfilledOrder_AreRefused_WritingNothing()
    {
        var (factory, cancelledReference, _) = await PlacedOrderAsync();
        var cancellation = Cancellation(cancelledReference);
        var cancelled = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).CancelAsync(cancellation, Ct)).Order;
        var fulfilledReference = OrderRequests.NewReference();
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PostOrderAsync(OrderRequests.Valid(fulfilledReference))).StatusCode);
        var fulfilment = Fulfilment(fulfilledReference);
        var fulfilled = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).FulfilAsync(fulfilment, Ct)).Order;

        var fulfilOfCancelled = await StoreOf(factory).FulfilAsync(Fulfilment(cancelledReference), Ct);
        var cancelOfFulfilled = await StoreOf(factory).CancelAsync(Cancellation(fulfilledReference), Ct);
        var changeOfFulfilled = await StoreOf(factory).ChangeAsync(Change(fulfilledReference, NameAndPhone), Ct);

        Assert.Equal(cancelled, Assert.IsType<TransitionResult.Refused>(fulfilOfCancelled).Current, OrderComparer);
        Assert.Equal(fulfilled, Assert.IsType<TransitionResult.Refused>(cancelOfFulfilled).Current, OrderComparer);
        Assert.Equal(fulfilled, Assert.IsType<TransitionResult.Refused>(changeOfFulfilled).Current, OrderComparer);
        await AssertEventsAsync(factory, cancelledReference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellation)!));
        await AssertEventsAsync(factory, fulfilledReference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilment)!));
    }

    [Fact]
    public async Task Fulfil_RetriedWithTheSameChangeIdAfterItCommitted_IsApplied_AndWritesNothingMore()
    {
        var (factory, reference, _) = await PlacedOrderAsync();
        var fulfilment = Fulfilment(reference);
        var first = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).FulfilAsync(fulfilment, Ct)).Order;

        var retry = await StoreOf(factory).FulfilAsync(fulfilment, Ct);

        Assert.Equal(first, Assert.IsType<TransitionResult.Applied>(retry).Order, OrderComparer);
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilment)!));
    }

    [Fact]
    public async Task Fulfil_OfAnUnknownReference_OrUnderAnotherOwner_OrOfALookalikeReference_IsNotFound()
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var lookalike = string.Concat("t\u0113", reference.AsSpan(2));

        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).FulfilAsync(Fulfilment(OrderRequests.NewReference()), Ct));
        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).FulfilAsync(Fulfilment(reference) with { Owner = "owner-grace" }, Ct));
        Assert.IsType<TransitionResult.NotFound>(await StoreOf(factory).FulfilAsync(Fulfilment(lookalike), Ct));
        Assert.Equal(placed, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
        await AssertEventsAsync(factory, reference);
    }

    [Theory]
    [InlineData("older version")]
    [InlineData("newer version")]
    [InlineData("other order")]
    public async Task Fulfil_WithAStaleIfMatch_IsRefused_AndWritesNothing(string stale)
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var ifMatch = stale switch
        {
            "older version" => new OrderVersion(placed.OrderId, placed.Version - 1),
            "newer version" => new OrderVersion(placed.OrderId, placed.Version + 1),
            _ => new OrderVersion(Guid.CreateVersion7(), placed.Version),
        };

        var result = await StoreOf(factory).FulfilAsync(Fulfilment(reference) with { IfMatch = ifMatch }, Ct);

        await AssertRefusedWithNothingWrittenAsync(factory, reference, placed, result);
    }

    [Fact]
    public async Task Fulfil_WithTheCurrentIfMatch_IsApplied()
    {
        var (factory, reference, placed) = await PlacedOrderAsync();
        var fulfilment = Fulfilment(reference) with { IfMatch = new OrderVersion(placed.OrderId, placed.Version) };

        var fulfilled = Assert.IsType<TransitionResult.Applied>(await StoreOf(factory).FulfilAsync(fulfilment, Ct)).Order;

        Assert.Equal((Order.FulfilledStatus, 2L), (fulfilled.Status, fulfilled.Version));
        await AssertEventsAsync(factory, reference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilment)!));
    }

    [Fact]
    public async Task TwentyFiveCancelsAndTwentyFiveFulfilments_AtOnce_ApplyExactlyOnce_49AreRefused_AndOneEventIsWritten()
    {
        // The two transitions race on the same row lock: whichever applies, every other request waits,
        // then finds the order in the winner's final state.
        var (factory, reference, _) = await PlacedOrderAsync();
        var store = StoreOf(factory);
        var cancellations = Enumerable.Range(0, 25).Select(i => Cancellation(reference) with { Reason = $"reason {i}" }).ToList();
        var fulfilments = Enumerable.Range(0, 25).Select(i => Fulfilment(reference) with { TrackingNumber = $"JD{i}" }).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = cancellations.Zip(fulfilments).SelectMany(pair => new[]
        {
            Task.Run(async () => { await gate.Task; return await store.CancelAsync(pair.First, Ct); }, Ct),
            Task.Run(async () => { await gate.Task; return await store.FulfilAsync(pair.Second, Ct); }, Ct),
        }).ToList();
        gate.SetResult();

        var results = await Task.WhenAll(attempts);

        var applied = Assert.Single(results.OfType<TransitionResult.Applied>()).Order;
        Assert.Equal(49, results.OfType<TransitionResult.Refused>().Count());
        Assert.All(results.OfType<TransitionResult.Refused>(), refusal => Assert.Equal(applied, refusal.Current, OrderComparer));
        var winner = Array.FindIndex(results, result => result is TransitionResult.Applied);
        if (winner % 2 == 0)
        {
            Assert.Equal(Order.CancelledStatus, applied.Status);
            await AssertEventsAsync(factory, reference, (OrderEventTypes.Cancelled, Events(factory).CancelledFor(cancellations[winner / 2])!));
        }
        else
        {
            Assert.Equal(Order.FulfilledStatus, applied.Status);
            await AssertEventsAsync(factory, reference, (OrderEventTypes.Fulfilled, Events(factory).FulfilledFor(fulfilments[winner / 2])!));
        }
    }

    private static readonly OrderPatch NameAndPhone = Patch(name: Set("Augusta Ada King"), phone: Set("+44 20 7946 0000"));

    private static readonly OrderPatch NoNameNoPhone = Patch(name: Set(null), phone: Set(null));

    private static readonly OrderPatch WholeAddress = Patch(
        line1: Set("1 Infinite Loop"), line2: Set("Building 2"), city: Set("Cupertino"), postalCode: Set("95014"), country: Set("US"));

    private static readonly OrderPatch OneAddressMember = Patch(city: Set("Westminster"));

    private static readonly OrderPatch OptionalAddressMemberRemoved = Patch(line2: Set(null));

    private static readonly OrderPatch NoAddress = Patch(removeAddress: true);

    private static readonly Dictionary<string, OrderPatch> Patches = new()
    {
        [nameof(NameAndPhone)] = NameAndPhone,
        [nameof(NoNameNoPhone)] = NoNameNoPhone,
        [nameof(WholeAddress)] = WholeAddress,
        [nameof(OneAddressMember)] = OneAddressMember,
        [nameof(OptionalAddressMemberRemoved)] = OptionalAddressMemberRemoved,
        [nameof(NoAddress)] = NoAddress,
    };

    private static Patched<string?> Set(string? value) => new(true, value);

    private static OrderPatch Patch(
        Patched<string?> name = default, Patched<string?> phone = default, bool removeAddress = false, Patched<string?> line1 = default,
        Patched<string?> line2 = default, Patched<string?> city = default, Patched<string?> postalCode = default, Patched<string?> country = default) =>
        new(name, phone, removeAddress, line1, line2, city, postalCode, country);

    private static OrderCancellation Cancellation(string reference) =>
        new(Owner, reference, Reason, At, IfMatch: null, Guid.CreateVersion7());

    private const string Carrier = "Deutsche Post DHL — \"Paket\"";

    private const string TrackingNumber = "JD014600006281'0";

    private static OrderFulfilment Fulfilment(string reference) =>
        new(Owner, reference, Carrier, TrackingNumber, At, IfMatch: null, Guid.CreateVersion7());

    private static OrderChange Change(string reference, OrderPatch patch) =>
        new(Owner, reference, patch, At, IfMatch: null, Guid.CreateVersion7());

    private static IOrderEventFactory Events(OrdersApiFactory factory) => factory.Services.GetRequiredService<IOrderEventFactory>();

    /// <summary>The app with events on; the broker is a closed loopback port, so every event stays in the outbox.</summary>
    private OrdersApiFactory StartEventsFactory() => StartFactory(new Dictionary<string, string?>
    {
        ["Events:Broker"] = "amqp://127.0.0.1:1/",
        ["Events:MaxBackoffSeconds"] = "30",
        ["RateLimiting:Enabled"] = "false",
    });

    /// <summary>A placed order (with its order.placed event), created through the API as a client would.</summary>
    private async Task<(OrdersApiFactory Factory, string Reference, Order Placed)> PlacedOrderAsync(bool withAddress = true)
    {
        var factory = StartEventsFactory();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        if (!withAddress)
        {
            body.Remove("shippingAddress");
        }
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PostOrderAsync(body)).StatusCode);
        var placed = (await StoreOf(factory).FindAsync(Owner, reference, Ct))!;
        Assert.Equal(Order.PlacedStatus, placed.Status);
        Assert.Equal(withAddress, placed.ShippingAddress is not null);
        return (factory, reference, placed);
    }

    /// <summary>Each result refused with the order as placed, which the database still holds, with no event but its order.placed.</summary>
    private async Task AssertRefusedWithNothingWrittenAsync(OrdersApiFactory factory, string reference, Order placed, params TransitionResult[] results)
    {
        Assert.All(results, result => Assert.Equal(placed, Assert.IsType<TransitionResult.Refused>(result).Current, OrderComparer));
        Assert.Equal(placed, await StoreOf(factory).FindAsync(Owner, reference, Ct), OrderComparer);
        await AssertEventsAsync(factory, reference);
    }

    /// <summary>
    /// The order's outbox holds its order.placed and then exactly these transitions' events, in this
    /// order: each with the request's change id as its id, the version it produced as order_version,
    /// and the payload <see cref="TransitionEvent.PayloadFor"/> makes of the row's id and that version.
    /// </summary>
    private async Task AssertEventsAsync(OrdersApiFactory factory, string reference, params (string Type, TransitionEvent Made)[] transitions)
    {
        var order = (await StoreOf(factory).FindAsync(Owner, reference, Ct))!;
        var stored = await Database.EventsOfAsync(Owner, reference);
        string[] types = [OrderEventTypes.Placed, .. transitions.Select(t => t.Type)];
        Assert.Equal(types, stored.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, transitions.Length + 1).Select(v => (long)v), stored.Select(e => e.OrderVersion));
        Assert.Equal(order.Version, stored[^1].OrderVersion);
        for (var i = 0; i < transitions.Length; i++)
        {
            var (made, row) = (transitions[i].Made, stored[i + 1]);
            Assert.Equal(made.EventId, row.EventId);
            var payload = JsonNode.Parse(row.Payload)!.AsObject();
            Assert.Equal(order.OrderId.ToString("D"), (string?)payload["orderId"]);
            Assert.Equal(row.OrderVersion, (long?)payload["version"]);
            Assert.Equal(made.PayloadFor(order.OrderId, row.OrderVersion), row.Payload);
        }
    }

    private static readonly OrderLine[] NoLines = [];

    /// <summary>Orders compare by value, their lines by content (a list compares by reference).</summary>
    private static readonly IEqualityComparer<Order?> OrderComparer = EqualityComparer<Order?>.Create(
        (a, b) => a is null || b is null ? a is null && b is null : a with { Lines = NoLines } == b with { Lines = NoLines } && a.Lines.SequenceEqual(b.Lines),
        order => order?.OrderId.GetHashCode() ?? 0);
}
