using Dapper;
using Npgsql;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 5, serialization failures made by PostgreSQL itself: at SERIALIZABLE (or REPEATABLE READ),
/// an INSERT … ON CONFLICT DO NOTHING that waited for a concurrent insert of the same key, which then
/// commits, fails with 40001 because that row is invisible to its snapshot. The store runs at READ
/// COMMITTED and never meets this; a database whose default isolation an operator raised would, so
/// the retry must cover it.
/// </summary>
public sealed class SerializationFailureTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    [Fact]
    public async Task DuplicatesWaitingOnAKey_FailWith40001AtSerializable_AndAreRetriedInto409s()
    {
        var api = await StartApiWithFaultInjectionAsync("default_transaction_isolation = 'serializable'");
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

        // then every waiter's first attempt failed with 40001 (two attempts each), and the retry saw
        // the committed order: only 409s naming it, no 5xx.
        Assert.Equal(2 * Scale.SerializationWaiters, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_serial") - attemptsBefore);
        Assert.All(outcomes, o => Assert.Equal(Answer.Duplicate, o.Answer));
        Assert.All(outcomes, o => Assert.Equal(heldOrderId, o.OrderId));
        Report($"serialization failures: {Scale.SerializationWaiters} waiters, {2 * Scale.SerializationWaiters} attempts, {Scale.SerializationWaiters} x 409 naming the held order, 0 x 5xx");
    }
}
