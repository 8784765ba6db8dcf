using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 2 for changes (issue 34): clients changing their own orders' addresses with If-Match while
/// the API process is SIGKILLed and started again. A change whose answer was lost is retried with its
/// old ETag; the 200 (it was not in) or the 412 alreadyApplied:true (it was) settles it without any
/// idempotency key. No change may be lost, none applied twice, each with its one order.changed row.
/// </summary>
public abstract class ChangeCrashTests<TDatabase>(TDatabase database) : TransitionFaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const string Prefix = "changecrash";

    [Fact]
    public async Task KillingTheApiUnderChanges_LosesNoChange_AppliesNoneTwice_AndEveryRetryWithTheOldTagIsSettled()
    {
        var (api, tags) = await StartWithPlacedOrdersAsync(Prefix, Scale.ChangeWorkers * Scale.ChangeOrdersPerWorker);
        var ledger = new TransitionLedger();
        var load = new ChangeLoad();

        // Given clients changing their own orders one change after another, when the API is SIGKILLed
        // mid-load and restarted, several times, and every change whose answer was lost is sent again
        // with its old ETag until answered,
        var kills = await KillWhileRunningAsync(api, ledger, Scale.ChangeWorkers * Scale.ChangesPerWorker,
            load.RunAsync(ledger, api.Client, tags, Scale.ChangeWorkers, Scale.ChangesPerWorker));
        Report(ledger.Summary($"change load, {kills} kills"));
        Report($"change load: {load.Views.Values.Sum(v => v.Applied)} changes in by the clients' account, {tags.Count} orders");

        // then answers were really lost, every retry was answered 200 or 412 alreadyApplied:true, and
        // each order holds its client's last change, at the version its count of changes gives, with
        // one order.changed row per version.
        Assert.True(ledger.FinalAnswersOfLost().Count > 0, $"no answer was lost: the {kills} kills hit no request");
        await ChangeLedgerCheck.AssertAsync(ledger, load, Database, Prefix);
    }
}

public sealed class SqliteChangeCrashTests(SqliteDatabase database) : ChangeCrashTests<SqliteDatabase>(database);

public sealed class ChangeCrashTests(PostgreSqlDatabase database) : ChangeCrashTests<PostgreSqlDatabase>(database);

public sealed class SqlServerChangeCrashTests(SqlServerDatabase database) : ChangeCrashTests<SqlServerDatabase>(database);
