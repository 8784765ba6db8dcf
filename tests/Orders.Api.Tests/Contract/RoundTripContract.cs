using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// On PostgreSQL and SQL Server every request waits for the database once: a create (BEGIN to
/// COMMIT), a duplicate (the same batch finds the key taken and reads the stored order), a lookup and
/// a conditional lookup answered 304 (the version alone), a cancel, a change and a fulfilment (whatever their
/// answer) are one round trip each. Every extra round trip costs the API and the database a send, a wake-up
/// and a receive (docs/benchmarks.md). Counted by a relay that reads the wire protocol
/// (<see cref="IRoundTripCounter.For"/>).
/// </summary>
public abstract class RoundTripContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Create_Duplicate_AndLookup_EachWaitForTheDatabaseOnce()
    {
        await using var relay = IRoundTripCounter.For(Database);
        var client = StartApi(ThroughOneConnection(relay));
        await WarmUpAsync(client);

        var reference = OrderRequests.NewReference();
        var created = await RoundTripsOfAsync(relay, () => client.PostOrderAsync(OrderRequests.Valid(reference)));
        var duplicate = await RoundTripsOfAsync(relay, () => client.PostOrderAsync(OrderRequests.Valid(reference)));
        var lookup = await RoundTripsOfAsync(relay, () => client.GetAsync($"/orders/{reference}", Ct));

        Assert.Equal((HttpStatusCode.Created, 1), created);
        Assert.Equal((HttpStatusCode.Conflict, 1), duplicate);
        Assert.Equal((HttpStatusCode.OK, 1), lookup);
    }

    [Fact]
    public async Task ConditionalLookup_Answered304_WaitsForTheDatabaseOnce_AndAStaleTagTwice()
    {
        await using var relay = IRoundTripCounter.For(Database);
        var client = StartApi(ThroughOneConnection(relay));
        await WarmUpAsync(client);
        var reference = OrderRequests.NewReference();
        var tag = (await client.PostOrderAsync(OrderRequests.Valid(reference))).Headers.ETag!.ToString();

        var notModified = await RoundTripsOfAsync(relay, () => client.GetOrderIfNoneMatchAsync(reference, tag));
        // A stale tag reads the version, then the order as a plain lookup does: the price of keeping the
        // 304, a polling client's usual answer, to the one small read.
        var stale = await RoundTripsOfAsync(relay, () => client.GetOrderIfNoneMatchAsync(reference, "\"stale\""));

        Assert.Equal((HttpStatusCode.NotModified, 1), notModified);
        Assert.Equal((HttpStatusCode.OK, 2), stale);
    }

    [Fact]
    public async Task Cancel_RepeatedCancel_Change_AndStaleChange_EachWaitForTheDatabaseOnce()
    {
        // One batch each, BEGIN to COMMIT: the conditional update, the read-back of the order, and the
        // answer (200, 409, 412) made from that read alone.
        await using var relay = IRoundTripCounter.For(Database);
        var client = StartApi(ThroughOneConnection(relay));
        // Past Npgsql's automatic preparation, as in WarmUpAsync, then the counted run.
        for (var i = 0; i < 6; i++)
        {
            await TransitionRoundTripsAsync(relay, client);
        }

        var (changed, stale, cancelled, repeated) = await TransitionRoundTripsAsync(relay, client);

        Assert.Equal((HttpStatusCode.OK, 1), changed);
        Assert.Equal((HttpStatusCode.PreconditionFailed, 1), stale);
        Assert.Equal((HttpStatusCode.OK, 1), cancelled);
        Assert.Equal((HttpStatusCode.Conflict, 1), repeated);
    }

    private static async Task<((HttpStatusCode, int) Changed, (HttpStatusCode, int) Stale, (HttpStatusCode, int) Cancelled, (HttpStatusCode, int) Repeated)>
        TransitionRoundTripsAsync(IRoundTripCounter relay, HttpClient client)
    {
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);
        var changed = await RoundTripsOfAsync(relay, () => client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Bath"), tag));
        var stale = await RoundTripsOfAsync(relay, () => client.ChangeOrderAsync(reference, TransitionRequests.NewCity("York"), tag));
        var cancelled = await RoundTripsOfAsync(relay, () => client.CancelOrderAsync(reference, "changed my mind"));
        var repeated = await RoundTripsOfAsync(relay, () => client.CancelOrderAsync(reference, "changed my mind"));
        return (changed, stale, cancelled, repeated);
    }

    [Fact]
    public async Task Fulfil_RepeatedFulfil_AndTheCustomersRefusedCancel_EachWaitForTheDatabaseOnce()
    {
        // The fulfilment is the cancel's batch with other columns: one round trip whatever the answer
        // (200, 409 ORDER_ALREADY_FULFILLED), and so is the customer's cancel it makes 409 ORDER_NOT_CANCELLABLE.
        await using var relay = IRoundTripCounter.For(Database);
        var factory = StartFactory(ThroughOneConnection(relay));
        var (customer, service) = (factory.CreateClient(), factory.CreateClientWithToken(TestTokens.MintService()));
        for (var i = 0; i < 6; i++)
        {
            await FulfilmentRoundTripsAsync(relay, customer, service);
        }

        var (fulfilled, repeated, refusedCancel) = await FulfilmentRoundTripsAsync(relay, customer, service);

        Assert.Equal((HttpStatusCode.OK, 1), fulfilled);
        Assert.Equal((HttpStatusCode.Conflict, 1), repeated);
        Assert.Equal((HttpStatusCode.Conflict, 1), refusedCancel);
    }

    private static async Task<((HttpStatusCode, int) Fulfilled, (HttpStatusCode, int) Repeated, (HttpStatusCode, int) RefusedCancel)>
        FulfilmentRoundTripsAsync(IRoundTripCounter relay, HttpClient customer, HttpClient service)
    {
        var reference = OrderRequests.NewReference();
        await customer.PlaceAsync(reference);
        var shipment = TransitionRequests.Shipment("DHL", "JD014600006281");
        var fulfilled = await RoundTripsOfAsync(relay, () => service.FulfilOrderAsync(Owner, reference, shipment));
        var repeated = await RoundTripsOfAsync(relay, () => service.FulfilOrderAsync(Owner, reference, shipment));
        var refusedCancel = await RoundTripsOfAsync(relay, () => customer.CancelOrderAsync(reference, "too late"));
        return (fulfilled, repeated, refusedCancel);
    }

    [Fact]
    public async Task CreateThatFailsMidBatch_LeavesTheConnectionOutOfItsTransaction_SoTheNextCreateOnItCommits()
    {
        // Given one pooled connection, and a create whose second line breaks a check constraint after
        // BEGIN and the header ran in the same batch (PostgreSQL skips the batch's COMMIT; T-SQL's
        // CATCH rolls back and rethrows),
        await using var relay = IRoundTripCounter.For(Database);
        var factory = StartFactory(new Dictionary<string, string?>(ThroughOneConnection(relay)) { ["Storage:MaxAttempts"] = "1" });
        var reference = OrderRequests.NewReference();
        var valid = LineCheckViolation.TwoLineOrder(factory.Services.GetRequiredService<OrderFactory>(), Owner, reference);
        await Assert.ThrowsAnyAsync<Exception>(() => StoreOf(factory).CreateAsync(LineCheckViolation.Corrupt(valid), Ct));

        // when the same connection runs the next create,
        var next = await StoreOf(factory).CreateAsync(valid, Ct);

        // then that create committed on its own: nothing of the failed one, all of this one.
        Assert.IsType<CreateOrderResult.Created>(next);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
        Assert.Equal(valid.OrderId, (await StoreOf(factory).FindAsync(Owner, reference, Ct))!.OrderId);
    }

    /// <summary>
    /// The app on one pooled connection through the relay, so every request runs on the same warm,
    /// prepared connection. Migrated beforehand: the migrator's lock needs a second connection.
    /// </summary>
    private Dictionary<string, string?> ThroughOneConnection(IRoundTripCounter relay)
    {
        StartFactory().Services.GetRequiredService<IOrderStore>();
        return new()
        {
            ["ConnectionStrings:Orders"] = relay.OnePooledConnectionString,
            ["Storage:MigrateOnStartup"] = "false",
        };
    }

    private static async Task WarmUpAsync(HttpClient client)
    {
        // Past Npgsql's automatic preparation (a statement is prepared on its fifth use), so the
        // counted requests are the steady state, not the first uses.
        for (var i = 0; i < 6; i++)
        {
            var reference = OrderRequests.NewReference();
            Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
            var found = await client.GetAsync($"/orders/{reference}", Ct);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            Assert.Equal(HttpStatusCode.NotModified, (await client.GetOrderIfNoneMatchAsync(reference, found.Headers.ETag!.ToString())).StatusCode);
        }
    }

    private static async Task<(HttpStatusCode Status, int RoundTrips)> RoundTripsOfAsync(
        IRoundTripCounter relay, Func<Task<HttpResponseMessage>> request)
    {
        relay.Reset();
        var response = await request();
        return (response.StatusCode, relay.RoundTrips);
    }
}
