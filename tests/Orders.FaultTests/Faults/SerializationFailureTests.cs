using Npgsql;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 5, serialization failures made by PostgreSQL itself: at SERIALIZABLE (or REPEATABLE READ),
/// an INSERT … ON CONFLICT DO NOTHING that waited for a concurrent insert of the same key, which then
/// commits, fails with 40001 because that row is invisible to its snapshot. The store's create begins
/// its transaction at READ COMMITTED explicitly, so a database whose default isolation an operator
/// raised does not reach it: each waiter makes one attempt and gets its 409 at once. (The retry of
/// a 40001 that does happen is covered by TransientErrorTests' injected failures.)
/// </summary>
public sealed class SerializationFailureTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    [Fact]
    public async Task DuplicatesWaitingOnAKey_UnderASerializableDefault_StillRunAtReadCommitted_AndGet409sFirstTime()
    {
        // A session for each waiter: the test is of sessions queued on the key, not on the pool (Storage:PoolSize).
        var api = await StartApiWithFaultInjectionAsync("default_transaction_isolation = 'serializable'",
            new Dictionary<string, string> { ["Storage__PoolSize"] = Scale.SerializationWaiters.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var ledger = new Ledger();
        var body = OrderBody.New("serial", 2);
        await using var holder = new NpgsqlConnection(Database.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var heldOrderId = await Database.InsertOrderHeaderAsync(holder, transaction, TestTokens.DefaultOwner, body.Reference);
        var attemptsBefore = await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_serial"); // the holder's insert

        // Given a transaction holds the reference, when POSTs of it wait on the key and it then commits,
        var posts = Enumerable.Range(0, Scale.SerializationWaiters).Select(_ => ledger.PostAsync(api.Client, body)).ToList();
        await FaultInjection.WaitForSessionsAsync(Database.ConnectionString, "wait_event_type", "Lock", Scale.SerializationWaiters);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var outcomes = await Task.WhenAll(posts);

        // then no waiter met a 40001 (one attempt each, no retry), and each saw the committed order:
        // only 409s naming it, no 5xx.
        Assert.Equal(Scale.SerializationWaiters, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_serial") - attemptsBefore);
        Assert.All(outcomes, o => Assert.Equal(Answer.Duplicate, o.Answer));
        Assert.All(outcomes, o => Assert.Equal(heldOrderId, o.OrderId));
        Report($"serialization failures: {Scale.SerializationWaiters} waiters under a SERIALIZABLE default, {Scale.SerializationWaiters} attempts, {Scale.SerializationWaiters} x 409 naming the held order, 0 x 5xx");
    }
}
