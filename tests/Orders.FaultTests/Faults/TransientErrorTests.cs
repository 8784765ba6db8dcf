using Dapper;
using Npgsql;
using Orders.Api.Storage.Errors;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 5: transient database errors are retried inside the request, a bounded number of times,
/// and never reach the client as a 500. The deadlock here is a real one, made by PostgreSQL's lock
/// manager and broken by its deadlock detector.
/// </summary>
public sealed class TransientErrorTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    private const int DefaultMaxAttempts = 3;

    // The API's own sessions detect the deadlock (50 ms) long before the test's (10 s below) would.
    private const string ApiDetectsDeadlocksFirst = "deadlock_timeout = '50ms'";

    [Fact]
    public async Task Post_ChosenAsADeadlockVictim_IsRetriedInsideTheRequest_AndGets201()
    {
        var api = await StartApiWithFaultInjectionAsync(ApiDetectsDeadlocksFirst);
        var ledger = new Ledger();
        var body = OrderBody.New("deadlock", 1);
        await using var holder = new NpgsqlConnection(Database.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await holder.ExecuteAsync("SET LOCAL deadlock_timeout = '10s'; SELECT 1 FROM fault_locks WHERE id = 2 FOR UPDATE", transaction: transaction);

        // Given the test's transaction holds row 2 and the API's insert holds row 1 (and pauses),
        var post = ledger.PostAsync(api.Client, body, abort: TestContext.Current.CancellationToken);
        await FaultInjection.WaitForSessionsAsync(Database.ConnectionString, "wait_event", "PgSleep", 1);
        // when the test's transaction queues for row 1 and the API's insert then asks for row 2,
        await holder.ExecuteAsync("SELECT 1 FROM fault_locks WHERE id = 1 FOR UPDATE", transaction: transaction, commandTimeout: 30);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var outcome = await post;

        // then the test's transaction got both rows, so the API's attempt was the victim (40P01);
        // the API ran the insert again and the client saw only the 201.
        Assert.Equal(Answer.Created, outcome.Answer);
        Assert.Equal(2, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_deadlock"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
        Report($"deadlock: 2 attempts (the first the deadlock victim), answered 201 in {outcome.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Post_ThatFailsTransientlyEveryTime_IsTriedMaxAttemptsTimes_ThenGets503_Never500()
    {
        var api = await StartApiWithFaultInjectionAsync(ApiDetectsDeadlocksFirst);
        var ledger = new Ledger();

        // Given a database that answers every insert of this reference with 40001,
        var outcome = await ledger.PostAsync(api.Client, OrderBody.New("failing", 1), abort: TestContext.Current.CancellationToken);

        // then the API tried exactly Storage:MaxAttempts times and answered 503 with Retry-After.
        Assert.Equal(DefaultMaxAttempts, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_failing"));
        Assert.Equal(Answer.Unavailable, outcome.Answer);
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: false);
        Report($"always failing: {DefaultMaxAttempts} attempts, then 503 STORE_UNAVAILABLE in {outcome.Elapsed.TotalMilliseconds:F0} ms");
    }
}
