using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Events;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// The outbox rows of cancels, changes and fulfilments in each database, without a broker: each applied transition
/// stores exactly the payload the factory made, completed with the updated row's id and version
/// (<see cref="TransitionEvent.PayloadFor"/>), under that version; a refused one stores nothing, and a
/// retry of an applied one learns it won and stores nothing twice.
/// </summary>
public abstract class TransitionOutboxContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task EachAppliedTransition_StoresTheFactorysPayload_UnderTheVersionItMade_AndARefusedOneNothing()
    {
        var (factory, owner, reference) = await PlaceWithEventsOnAsync();
        var events = factory.Services.GetRequiredService<OrderEventFactory>();
        var store = StoreOf(factory);
        var expected = new Dictionary<Guid, (long Version, string Payload)>();

        // Given changes of every shape, then one that cannot apply (part of an address, and the order has
        // none any more), a cancel, and a second cancel
        foreach (var patch in new[] { TransitionSamples.SetsEverything, TransitionSamples.MergesACity, TransitionSamples.RemovesEverything })
        {
            var change = TransitionSamples.Change(patch, owner, reference);
            var applied = Assert.IsType<TransitionResult.Applied>(await store.ChangeAsync(change, Ct));
            expected[change.ChangeId] = (applied.Order.Version, events.ChangedFor(change)!.PayloadFor(applied.Order.OrderId, applied.Order.Version));
        }
        Assert.IsType<TransitionResult.Refused>(await store.ChangeAsync(TransitionSamples.Change(TransitionSamples.MergesACity, owner, reference), Ct));
        var cancellation = TransitionSamples.Cancellation("Ordered the wrong size", owner, reference);
        var cancelled = Assert.IsType<TransitionResult.Applied>(await store.CancelAsync(cancellation, Ct));
        expected[cancellation.ChangeId] = (cancelled.Order.Version, events.CancelledFor(cancellation)!.PayloadFor(cancelled.Order.OrderId, cancelled.Order.Version));
        Assert.IsType<TransitionResult.Refused>(await store.CancelAsync(TransitionSamples.Cancellation(null, owner, reference), Ct));

        // Then the rows are order.placed at version 1 and one row per applied transition, byte for byte
        var stored = await Database.StoredEventsAsync(owner);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], stored.Select(e => e.OrderVersion).Order());
        Assert.Equal(OrderEventTypes.Placed, Assert.Single(stored, e => e.OrderVersion == 1).Type);
        foreach (var (eventId, (version, payload)) in expected)
        {
            var row = Assert.Single(stored, e => e.EventId == eventId);
            Assert.Equal(version, row.OrderVersion);
            Assert.Equal(payload, row.Payload);
        }
    }

    [Fact]
    public async Task ATransitionRetriedAfterItsOwnCommit_IsApplied_AndStillWritesOneEvent()
    {
        // The transient retry runs the unit of work again with the same change id and event, as after a
        // commit whose answer was lost with the connection.
        var (factory, owner, reference) = await PlaceWithEventsOnAsync();
        var store = StoreOf(factory);
        var change = TransitionSamples.Change(TransitionSamples.SetsEverything, owner, reference);
        var cancellation = TransitionSamples.Cancellation("Ordered the wrong size", owner, reference);

        Assert.IsType<TransitionResult.Applied>(await store.ChangeAsync(change, Ct));
        Assert.IsType<TransitionResult.Applied>(await store.ChangeAsync(change, Ct));
        Assert.IsType<TransitionResult.Applied>(await store.CancelAsync(cancellation, Ct));
        Assert.IsType<TransitionResult.Applied>(await store.CancelAsync(cancellation, Ct));

        Assert.Equal([1L, 2L, 3L], (await Database.StoredEventsAsync(owner)).Select(e => e.OrderVersion).Order());
    }

    [Fact]
    public async Task AFulfilment_StoresTheFactorysPayload_UnderVersion2_ItsRetryNothingMore_AndARefusedOneNothing()
    {
        var (factory, owner, reference) = await PlaceWithEventsOnAsync();
        var events = factory.Services.GetRequiredService<OrderEventFactory>();
        var store = StoreOf(factory);
        var at = TransitionSamples.Now();
        var fulfilment = new OrderFulfilment(owner, reference, "La Poste — \"Colissimo\"", "6A12345678901", at, IfMatch: null, Guid.CreateVersion7(at));

        // Given a fulfilment, its retry after its own commit, another fulfilment and a cancel, both refused
        var fulfilled = Assert.IsType<TransitionResult.Applied>(await store.FulfilAsync(fulfilment, Ct));
        Assert.IsType<TransitionResult.Applied>(await store.FulfilAsync(fulfilment, Ct));
        Assert.IsType<TransitionResult.Refused>(await store.FulfilAsync(fulfilment with { ChangeId = Guid.CreateVersion7(), Carrier = null }, Ct));
        Assert.IsType<TransitionResult.Refused>(await store.CancelAsync(TransitionSamples.Cancellation(null, owner, reference), Ct));

        // Then the rows are order.placed and one order.fulfilled, byte for byte the factory's payload
        var stored = await Database.StoredEventsAsync(owner);
        Assert.Equal([1L, 2L], stored.Select(e => e.OrderVersion).Order());
        var row = Assert.Single(stored, e => e.OrderVersion == 2);
        Assert.Equal((OrderEventTypes.Fulfilled, fulfilment.ChangeId), (row.Type, row.EventId));
        Assert.Equal(events.FulfilledFor(fulfilment)!.PayloadFor(fulfilled.Order.OrderId, 2), row.Payload);
    }

    /// <summary>Events on, the relay unable to connect (the rows stay for the test to read), and one placed order.</summary>
    private async Task<(OrdersApiFactory Factory, string Owner, string Reference)> PlaceWithEventsOnAsync()
    {
        var factory = StartFactory(EventSuite.Settings($"amqp://guest:guest@127.0.0.1:{PortAllocator.UnusedLoopbackPort()}/"));
        var owner = EventSuite.NewOwner();
        var reference = OrderRequests.NewReference();
        await factory.CreateClientWithToken(TestTokens.Mint(owner)).PlaceAsync(reference);
        return (factory, owner, reference);
    }
}
