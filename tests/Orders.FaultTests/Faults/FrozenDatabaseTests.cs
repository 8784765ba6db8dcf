using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 3's harder cousin: PostgreSQL accepts connections but answers nothing (frozen with SIGSTOP).
/// Nothing is refused, so only time ends the wait. With nothing but the product's defaults (no
/// timeout in the connection string), every answer must be a 503 within Storage:RequestTimeoutSeconds
/// + 1 s (issue 24: the deadline bounds the whole unit of work, retries, connects and a driver's wait
/// for its cancellation included); and the API must serve again once the database thaws, without a
/// restart.
/// </summary>
public sealed class FrozenDatabaseTests(OutageCluster cluster) : FaultTestBase(cluster.Database), IClassFixture<OutageCluster>
{
    // Shorter than the product's 8 s so that the test is quick; the rule is the same for any value.
    private const int DeadlineSeconds = 3;
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(DeadlineSeconds + 1);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AFrozenPostgreSql_Gives503WithinTheDeadlinePlusOneSecond_AndTheApiRecoversWhenItThaws()
    {
        TestRequirements.SkipOrFailWhenUnavailable("postgresql", cluster.UnavailableReason);
        var api = await StartApiAsync(new Dictionary<string, string>
        {
            ["Storage__RequestTimeoutSeconds"] = DeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var ledger = new Ledger();
        var ct = TestContext.Current.CancellationToken;
        // Pooled connections first: a frozen server then fails the API both ways, on an idle pooled
        // connection (command timeout) and on a new one (connect timeout).
        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => ledger.PostAsync(api.Client, OrderBody.New("before-freeze", n), abort: ct)));

        // Given PostgreSQL frozen, when clients post,
        var freezer = await PostgreSqlFreezer.FreezeAsync(Database.ConnectionString);
        Outcome[] whileFrozen;
        try
        {
            whileFrozen = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => ledger.PostAsync(api.Client, OrderBody.New("frozen", n), abort: ct)));
        }
        finally
        {
            await freezer.ThawAsync();
        }
        var thawed = DateTime.UtcNow;

        // then every one got a 503 within the deadline + 1 s, never a hang or a 500,
        Assert.All(whileFrozen, o => Assert.Equal(Answer.Unavailable, o.Answer));
        var slowest = whileFrozen.Max(o => o.Elapsed);
        var times = string.Join(", ", whileFrozen.Select(o => o.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(slowest < AnswerBound, api.OutputTail() + $"503s after {times} s; deadline {DeadlineSeconds} s, bound {AnswerBound.TotalSeconds:F0} s");

        // and after the thaw the API serves again on its own, soon.
        Outcome? recovered = null;
        for (var n = 0; recovered is null && DateTime.UtcNow - thawed < RecoveryBound; n++)
        {
            var outcome = await ledger.PostAsync(api.Client, OrderBody.New("thawed", n), abort: ct);
            recovered = outcome.Settled ? outcome : null;
        }
        Assert.NotNull(recovered);
        Report($"frozen database: {whileFrozen.Length} x 503 after {times} s (deadline {DeadlineSeconds} s, bound {AnswerBound.TotalSeconds:F0} s); " +
               $"first 201 {(recovered.AnsweredUtc - thawed).TotalMilliseconds:F0} ms after the thaw");
        await ledger.RetryUnsettledAsync(api.Client);
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
    }
}
