using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// The outbox table in each database, without a broker: the event row exists exactly when the
/// order does, a round marks only what was confirmed, competing rounds never claim the same row,
/// and the retention sweep deletes only what was published before its cutoff.
/// </summary>
public abstract class OutboxContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task EventsOff_ACreateWritesNoEventRow()
    {
        var owner = EventSuite.NewOwner();
        var client = StartFactory().CreateClientWithToken(TestTokens.Mint(owner));

        var response = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await Database.CountEventsAsync(owner));
    }

    [Fact]
    public async Task EventsOn_OneRowPer201_NoneFor409_AndNoneForAnAttemptThatRolledBack()
    {
        var factory = StartWithUnreachableBroker();
        var owner = EventSuite.NewOwner();
        var client = factory.CreateClientWithToken(TestTokens.Mint(owner));
        var reference = OrderRequests.NewReference();

        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        var broken = NewOrder(factory, owner) with { Lines = [new OrderLine(1, "SKU-1", 0, 100, 0)] }; // breaks ck_order_lines_quantity
        await Assert.ThrowsAnyAsync<Exception>(() => StoreOf(factory).CreateAsync(broken, Ct));

        Assert.Equal(1, await Database.CountEventsAsync(owner));
        Assert.Equal(1, await Database.CountEventsAsync(owner, pendingOnly: true));
    }

    [Fact]
    public async Task ACreateRetriedAfterItsOwnCommit_StillWritesOneEvent()
    {
        // The transient retry runs the unit of work again with the same order and the same event.
        var factory = StartWithUnreachableBroker();
        var owner = EventSuite.NewOwner();
        var order = NewOrder(factory, owner);

        await StoreOf(factory).CreateAsync(order, Ct);
        await StoreOf(factory).CreateAsync(order, Ct);

        Assert.Equal(1, await Database.CountEventsAsync(owner));
    }

    [Fact]
    public async Task ARound_MarksPublishedOnlyWhatTheBrokerConfirmed()
    {
        var factory = StartWithUnreachableBroker();
        var outbox = await EmptyOutboxAsync(factory);
        var owner = await PlaceOrdersAsync(factory, 4);

        var round = await outbox.RelayAsync(10, (events, _) =>
            Task.FromResult(new PublishOutcome([.. events.Where(e => e.Owner == owner).Take(3)], new TimeoutException("one unconfirmed"))), Ct);

        Assert.True(round.Claimed >= 4);
        Assert.Equal(1, await Database.CountEventsAsync(owner, pendingOnly: true));
    }

    [Fact]
    public async Task CompetingRounds_NeverClaimTheSameEvent()
    {
        var factory = StartWithUnreachableBroker();
        var outbox = await EmptyOutboxAsync(factory);
        await PlaceOrdersAsync(factory, 10);
        var secondDone = new TaskCompletionSource();
        IReadOnlyList<OrderEvent> firstClaim = [], secondClaim = [];

        // Given a round that holds its claim until the other round is done (or, on SQLite's single
        // writer, until it gives up waiting: there the second round can only start after the first)
        var first = outbox.RelayAsync(5, async (events, ct) =>
        {
            firstClaim = events;
            await Task.WhenAny(secondDone.Task, Task.Delay(TimeSpan.FromSeconds(3), ct));
            return new PublishOutcome(events, null);
        }, Ct);
        await WaitUntilAsync(() => firstClaim.Count > 0);
        var second = outbox.RelayAsync(10, (events, _) =>
        {
            secondClaim = events;
            return Task.FromResult(new PublishOutcome(events, null));
        }, Ct);
        var secondFinishedFirst = await Task.WhenAny(second, first) == second;
        secondDone.TrySetResult();
        await Task.WhenAll(first, second);

        // Then the claims are disjoint and together cover every event
        Assert.Empty(firstClaim.Select(e => e.EventId).Intersect(secondClaim.Select(e => e.EventId)));
        Assert.Equal(10, firstClaim.Count + secondClaim.Count);
        // Row locks that others skip: the second round did not wait for the first (where the engine
        // cannot skip them, it waited: the first round ended before it). SQLite's single writer
        // decides no order between them here: the second round waits, or gives up, on the lock.
        Assert.True(Database.Provider == StorageProvider.Sqlite || secondFinishedFirst == Database.SkipsRowsLockedByOthers,
            $"second round finished first: {secondFinishedFirst}; the engine skips locked rows: {Database.SkipsRowsLockedByOthers}");
    }

    [Fact]
    public async Task RetentionSweep_DeletesOnlyEventsPublishedBeforeTheCutoff()
    {
        var factory = StartWithUnreachableBroker();
        var outbox = await EmptyOutboxAsync(factory);
        var owner = await PlaceOrdersAsync(factory, 3);
        await outbox.RelayAsync(2, (events, _) => Task.FromResult(new PublishOutcome(events, null)), Ct);

        var beforeAnyPublish = await outbox.DeletePublishedBeforeAsync(DateTime.UtcNow.AddHours(-1), Ct);
        var afterThem = await outbox.DeletePublishedBeforeAsync(DateTime.UtcNow.AddMinutes(1), Ct);

        Assert.Equal(0, beforeAnyPublish);
        Assert.Equal(2, afterThem);
        Assert.Equal(1, await Database.CountEventsAsync(owner));
        Assert.Equal(1, await Database.CountEventsAsync(owner, pendingOnly: true));
    }

    /// <summary>Events on, the relay unable to connect: the outbox fills and nothing takes from it but the test.</summary>
    private OrdersApiFactory StartWithUnreachableBroker() =>
        StartFactory(EventSuite.Settings($"amqp://guest:guest@127.0.0.1:{PortAllocator.UnusedLoopbackPort()}/"));

    /// <summary>Publishes (as if confirmed) and deletes what earlier tests of this class left, so counts are this test's own.</summary>
    private static async Task<IOrderEventOutbox> EmptyOutboxAsync(OrdersApiFactory factory)
    {
        var outbox = factory.Services.GetRequiredService<IOrderEventOutbox>();
        for (var round = 0; round < 100 && (await outbox.RelayAsync(1000, (events, _) => Task.FromResult(new PublishOutcome(events, null)), Ct)).Claimed > 0; round++)
        {
        }
        await outbox.DeletePublishedBeforeAsync(DateTime.UtcNow.AddDays(1), Ct);
        return outbox;
    }

    private static async Task<string> PlaceOrdersAsync(OrdersApiFactory factory, int count)
    {
        var owner = EventSuite.NewOwner();
        var client = factory.CreateClientWithToken(TestTokens.Mint(owner));
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);
        }
        return owner;
    }

    private static Order NewOrder(OrdersApiFactory factory, string owner) =>
        factory.Services.GetRequiredService<OrderFactory>().Create(owner, new OrderDraft(
            OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null, null), null, [new OrderLineDraft("SKU-1", 1, 100)]));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
