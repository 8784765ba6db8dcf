using Orders.Api.Storage.Errors;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Issue 24: what a store's error means for the client decides the answer, never its exception type.
/// The errors a Citus coordinator raises when a worker fails (an ambiguous commit, a lost remote node)
/// are made here by PostgreSQL itself, with Citus's SQLSTATE and words, through
/// <see cref="FaultInjection"/>'s triggers: the commit failure at COMMIT, as Citus raises it. A store
/// failure is retried and then answered 503 with Retry-After; only a bug is a 500, and it is not retried.
/// </summary>
public sealed class StoreErrorTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    private const int DefaultMaxAttempts = 3;

    [Fact]
    public async Task Post_WhoseCommitCitusReportsFailedOnAPlacement_IsRetried_AndGets201WithOneWholeOrder()
    {
        var api = await StartApiWithFaultInjectionAsync(FaultInjection.NoDatabaseSetting);
        var ledger = new Ledger();

        // Given a database whose first COMMIT of this reference fails as Citus's does on a placement,
        var outcome = await ledger.PostAsync(api.Client, OrderBody.New("commitonce", 1), abort: TestContext.Current.CancellationToken);

        // then the API ran the unit of work again within the request and answered 201 for one whole order.
        Assert.Equal(Answer.Created, outcome.Answer);
        Assert.Equal(2, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_ambiguous_once"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
        Report($"ambiguous commit once: retried, 201 in {outcome.Elapsed.TotalMilliseconds:F0} ms");
    }

    // Given a database that fails every attempt of this reference the way a Citus coordinator does:
    // a commit failing on a placement every time, or the worker of the owner's shard gone (08006),
    [Theory]
    [InlineData("commitfails", "fault_attempts_ambiguous")]
    [InlineData("remote", "fault_attempts_remote")]
    public async Task Post_ThatMeetsACitusNodeFailureEveryTime_Gets503WithRetryAfter_Never500_AndLeavesNothing(string prefix, string attempts)
    {
        var api = await StartApiWithFaultInjectionAsync(FaultInjection.NoDatabaseSetting);
        var ledger = new Ledger();

        var outcome = await ledger.PostAsync(api.Client, OrderBody.New(prefix, 1), abort: TestContext.Current.CancellationToken);

        // then the client hears 503 STORE_UNAVAILABLE with Retry-After after the configured attempts.
        Assert.Equal(Answer.Unavailable, outcome.Answer);
        Assert.Equal("STORE_UNAVAILABLE", outcome.Code);
        Assert.True(outcome.HasRetryAfter, "a 503 without Retry-After");
        Assert.Equal(DefaultMaxAttempts, await FaultInjection.AttemptsAsync(Database.ConnectionString, attempts));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: false);
        Report($"{prefix}: {DefaultMaxAttempts} attempts, 503 in {outcome.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Post_MeetingABug_Gets500_AndIsTriedOnce()
    {
        var api = await StartApiWithFaultInjectionAsync(FaultInjection.NoDatabaseSetting);
        var ledger = new Ledger();

        // Given an internal error that names no node (XX000 for something else than Citus's commit),
        var outcome = await ledger.PostAsync(api.Client, OrderBody.New("bug", 1), abort: TestContext.Current.CancellationToken);

        // then it is a bug: 500 at once, not retried, not dressed up as an outage, nothing stored.
        Assert.Equal(Answer.ServerError, outcome.Answer);
        Assert.Equal(500, outcome.Status);
        Assert.Equal(1, await FaultInjection.AttemptsAsync(Database.ConnectionString, "fault_attempts_bug"));
        Assert.DoesNotContain(await LedgerCheck.ReadStoredAsync(Database), order => order.ClientReference.StartsWith("bug-", StringComparison.Ordinal));
    }
}
