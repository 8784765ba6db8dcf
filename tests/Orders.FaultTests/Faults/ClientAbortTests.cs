using System.Net.Sockets;
using System.Text;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 4: clients that hang up mid-request. The API sees the connection close and stops the
/// request; its transaction, if begun, runs to its end, so the order is either wholly committed or
/// not there at all. The client does not know which; its retry tells it.
/// A hang-up is the client's: the API records it as 499, never as a 500 nor as a store outage.
/// </summary>
public abstract class ClientAbortTests<TDatabase>(TDatabase database) : FaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    // A create takes a few milliseconds here, so giving up after 0 to 15 ms cuts requests before they
    // are sent, while the body is read, during the insert and after the commit.
    private const int MaxAbortMilliseconds = 15;

    // ASP.NET Core's request log ("Request finished … - 499 …"), which fault runs otherwise leave out.
    private static readonly Dictionary<string, string> RequestLog = new()
    {
        ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };

    [Fact]
    public async Task ClientsThatDisconnectMidRequest_LeaveAWholeOrderOrNone_AndTheirRetriesSettleIt()
    {
        var api = await StartApiAsync(RequestLog);
        var ledger = new Ledger();

        // Given clients that each give up on their POST after a random few milliseconds,
        await LoadRunner.RunAsync(ledger, () => api.Client, "abort", Scale.AbortWorkers, Scale.AbortRequests,
            TestContext.Current.CancellationToken,
            abortAfter: () => TimeSpan.FromMilliseconds(Random.Shared.Next(0, MaxAbortMilliseconds + 1)));
        Report(ledger.Summary("client abort, before retries"));

        // then the database holds only whole orders, and at least some requests really were cut off;
        await AssertLedgerAsync(api, ledger, everyReferenceStored: false);
        Assert.True(ledger.Count(Answer.Aborted) > 0, "no request was aborted");

        // and each aborted request's retry ends in 201 (nothing was stored) or 409 (it was), once.
        await ledger.RetryUnsettledAsync(api.Client);
        Report(ledger.Summary("client abort, after retries"));
        await AssertLedgerAsync(api, ledger, everyReferenceStored: true);

        // and the API saw no store outage and gave no 500 anywhere, to a client that stayed or one that left.
        await AssertNoOutageNorServerErrorAsync(api);
    }

    /// <summary>The ledger's check; when it fails (a 500 a client saw), the API's account of it is reported beside it.</summary>
    private async Task AssertLedgerAsync(ApiProcess api, Ledger ledger, bool everyReferenceStored)
    {
        try
        {
            await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored);
        }
        catch
        {
            Report($"the API's unhandled exceptions:\n{string.Join('\n', api.OutputLinesAfter("nhandled exception", 30).Take(200))}");
            throw;
        }
    }

    /// <summary>
    /// What the API itself recorded, from its metrics and its log: no 500 nor 503, no
    /// store_unavailable rejection, no outage or unhandled-exception line; the hang-ups as 499.
    /// </summary>
    private static async Task AssertNoOutageNorServerErrorAsync(ApiProcess api)
    {
        var metrics = await ApiMetrics.ReadAsync(api.Client, TestContext.Current.CancellationToken);
        var storeLines = api.OutputLinesContaining("Order store");
        var unhandled = api.OutputLinesContaining("nhandled exception");
        var (recorded499, recorded500, recorded503) = (metrics.Requests(499), metrics.Requests(500), metrics.Requests(503));
        var logged499 = api.OutputLinesContaining(" - 499 ").Count;
        var storeUnavailable = metrics.Sum("orders_rejections_total", "reason=\"store_unavailable\"");
        var figures = $"recorded 499: {recorded499} (request log: {logged499}), 500: {recorded500}, 503: {recorded503}; store_unavailable: {storeUnavailable}; " +
                      $"log lines: {storeLines.Count} 'Order store' (503 or outage), {unhandled.Count} unhandled exception";
        Report($"API's own record: {figures}");
        Assert.True(
            recorded500 == 0 && recorded503 == 0 && storeUnavailable == 0 && storeLines.Count == 0 && unhandled.Count == 0,
            $"{figures}\n{string.Join('\n', storeLines.Take(20).Concat(api.OutputLinesAfter("nhandled exception", 30).Take(200)))}");
        // The hang-ups are recorded as what they were (how many depends on timing: some leave before sending).
        Assert.True(recorded499 > 0 && logged499 > 0, $"no request was recorded as 499 (client closed request): {figures}");
    }

    [Fact]
    public async Task ClientsThatHangUpHalfwayThroughTheBody_StoreNothing_AndTheRetryGets201()
    {
        var api = await StartApiAsync(RequestLog);
        var body = OrderBody.New("half-body", 1);

        // Given clients that send the headers and half the body, then close the connection,
        for (var client = 0; client < 20; client++)
        {
            // Linger 0: the close is a reset, as a killed browser tab or wrk at the end of its run sends.
            using var socket = new TcpClient { LingerState = new LingerOption(true, 0) };
            await socket.ConnectAsync("127.0.0.1", api.Port, TestContext.Current.CancellationToken);
            var bytes = Encoding.UTF8.GetBytes(body.Json);
            var head = Encoding.ASCII.GetBytes(
                $"POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TestTokens.Mint()}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n");
            var stream = socket.GetStream();
            await stream.WriteAsync(head.Concat(bytes.Take(bytes.Length / 2)).ToArray(), TestContext.Current.CancellationToken);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        // then nothing was stored, and the whole request, sent again, places the order.
        Assert.DoesNotContain(await LedgerCheck.ReadStoredAsync(Database), order => order.ClientReference == body.Reference);
        var retry = await new Ledger().PostAsync(api.Client, body, abort: TestContext.Current.CancellationToken);
        Assert.Equal(Answer.Created, retry.Answer);
        var stored = Assert.Single(await LedgerCheck.ReadStoredAsync(Database), order => order.ClientReference == body.Reference);
        Assert.Equal((retry.OrderId, (long)body.Lines, body.Total), (stored.OrderId, stored.LineCount, stored.LineSum));
        // and the API saw no store outage and gave no 500, only hang-ups.
        await AssertNoOutageNorServerErrorAsync(api);
    }
}

// PostgreSQL's keeps the suite's first name, the one its runs and docs/benchmarks.md use.
public sealed class ClientAbortTests(PostgreSqlDatabase database) : ClientAbortTests<PostgreSqlDatabase>(database);

public sealed class SqliteClientAbortTests(SqliteDatabase database) : ClientAbortTests<SqliteDatabase>(database);

public sealed class SqlServerClientAbortTests(SqlServerDatabase database) : ClientAbortTests<SqlServerDatabase>(database);
