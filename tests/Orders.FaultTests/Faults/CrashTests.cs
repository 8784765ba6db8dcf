using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 2: the API process is SIGKILLed under load, at random moments, and started again. Whatever
/// was in flight is cut: the transaction either committed or rolls back when PostgreSQL sees the
/// connection drop (SQL Server likewise, XACT_ABORT or not). Either way the ledger must match the
/// database, and retries must settle it.
/// </summary>
public abstract class CrashTests<TDatabase>(TDatabase database) : FaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const int RequestBudget = 200_000;

    [Fact]
    public async Task KillingTheApiUnderLoad_LosesAnswersButNeverAnOrder_AndRetriesSettleEveryReference()
    {
        var api = await StartApiAsync();
        var ledger = new Ledger();
        using var stop = new CancellationTokenSource();
        var load = LoadRunner.RunAsync(ledger, () => api.Client, "crash", Scale.CrashWorkers, RequestBudget, stop.Token);

        // Given load, when the process is SIGKILLed at a random moment and restarted, several times,
        for (var kill = 0; kill < Scale.CrashKills; kill++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(300, 1200)), TestContext.Current.CancellationToken);
            api.Kill();
            await api.RestartAsync();
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await load;
        Report(ledger.Summary($"crash, {Scale.CrashKills} kills, before retries"));

        // then every 201 and 409 the clients saw is stored, whole, once, and answers were really lost;
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: false);
        Assert.True(ledger.Count(Answer.Lost) > 0, "no answer was lost: the kills did not hit any request");

        // and retrying every request whose answer was lost ends in 201 or 409, one order per reference.
        await ledger.RetryUnsettledAsync(api.Client);
        Report(ledger.Summary("crash, after retries"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
    }
}

public sealed class CrashTests(PostgreSqlDatabase database) : CrashTests<PostgreSqlDatabase>(database);

public sealed class SqlServerCrashTests(SqlServerDatabase database) : CrashTests<SqlServerDatabase>(database);
