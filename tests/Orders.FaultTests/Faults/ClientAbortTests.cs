using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 4: clients that hang up mid-request. The API sees the connection close and cancels the
/// request, and with it the database command: the order is then either wholly committed (the
/// statement had finished) or not there at all. The client does not know which; its retry tells it.
/// </summary>
public sealed class ClientAbortTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    // A create takes a few milliseconds here, so giving up after 0 to 15 ms cuts requests before they
    // are sent, while the body is read, during the insert and after the commit.
    private const int MaxAbortMilliseconds = 15;

    [Fact]
    public async Task ClientsThatDisconnectMidRequest_LeaveAWholeOrderOrNone_AndTheirRetriesSettleIt()
    {
        var api = await StartApiAsync();
        var ledger = new Ledger();

        // Given clients that each give up on their POST after a random few milliseconds,
        await LoadRunner.RunAsync(ledger, () => api.Client, "abort", Scale.AbortWorkers, Scale.AbortRequests,
            TestContext.Current.CancellationToken,
            abortAfter: () => TimeSpan.FromMilliseconds(Random.Shared.Next(0, MaxAbortMilliseconds + 1)));
        Report(ledger.Summary("client abort, before retries"));

        // then the database holds only whole orders, and at least some requests really were cut off;
        await LedgerCheck.AssertConsistentAsync(ledger, Database.ConnectionString, everyReferenceStored: false);
        Assert.True(ledger.Count(Answer.Aborted) > 0, "no request was aborted");

        // and each aborted request's retry ends in 201 (nothing was stored) or 409 (it was), once.
        await ledger.RetryUnsettledAsync(api.Client);
        Report(ledger.Summary("client abort, after retries"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database.ConnectionString, everyReferenceStored: true);
    }
}
