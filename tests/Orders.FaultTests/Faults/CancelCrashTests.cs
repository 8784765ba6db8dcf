using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 2 for cancels (issue 34): a storm of cancels, several per order and many at once, while the
/// API process is SIGKILLed and started again. A cancel cut off mid-flight either committed with its
/// order.cancelled row or not at all; its retry learns which from the 200 or the 409
/// ORDER_ALREADY_CANCELLED alone. Events are on (their rows are written, not published), so the
/// outbox is checked with the orders: one order.cancelled row per order, whatever was retried.
/// </summary>
public abstract class CancelCrashTests<TDatabase>(TDatabase database) : TransitionFaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const string Prefix = "cancelcrash";

    [Fact]
    public async Task KillingTheApiDuringACancelStorm_CancelsEveryOrderOnce_WithOneEvent_AndEveryRetryEndsIn200Or409()
    {
        var (api, tags) = await StartWithPlacedOrdersAsync(Prefix, Scale.CancelOrders);
        var requests = CancelStorm.Requests(tags, Scale.CancelsPerOrder);
        var ledger = new TransitionLedger();

        // Given a storm of duplicate cancels, when the API is SIGKILLed mid-storm and restarted, several
        // times, and every request whose answer was lost is sent again until answered,
        var kills = await KillWhileRunningAsync(api, ledger, requests.Count,
            CancelStorm.RunAsync(ledger, api.Client, requests, Scale.CancelWorkers));
        Report(ledger.Summary($"cancel storm, {kills} kills"));
        // An order no 200 was seen for was cancelled by a request whose answer a kill cut off.
        Report($"cancel storm: {tags.Count - ledger.Outcomes.Count(o => o.Status == 200)} of {tags.Count} orders cancelled by a request whose answer was lost");

        // then answers were really lost, and every order is cancelled once, with one order.cancelled
        // row, every 200 and 409 true to the stored cancel, every lost answer's retry a 200 or 409.
        Assert.True(ledger.FinalAnswersOfLost().Count > 0, $"no answer was lost: the {kills} kills hit no request");
        await CancelLedgerCheck.AssertAsync(ledger, requests, Database, Prefix);
    }
}

public sealed class SqliteCancelCrashTests(SqliteDatabase database) : CancelCrashTests<SqliteDatabase>(database);

public sealed class CancelCrashTests(PostgreSqlDatabase database) : CancelCrashTests<PostgreSqlDatabase>(database);

public sealed class SqlServerCancelCrashTests(SqlServerDatabase database) : CancelCrashTests<SqlServerDatabase>(database);
