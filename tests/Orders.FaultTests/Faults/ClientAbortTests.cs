using System.Net.Sockets;
using System.Text;
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
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: false);
        Assert.True(ledger.Count(Answer.Aborted) > 0, "no request was aborted");

        // and each aborted request's retry ends in 201 (nothing was stored) or 409 (it was), once.
        await ledger.RetryUnsettledAsync(api.Client);
        Report(ledger.Summary("client abort, after retries"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
    }

    [Fact]
    public async Task ClientsThatHangUpHalfwayThroughTheBody_StoreNothing_AndTheRetryGets201()
    {
        var api = await StartApiAsync();
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
    }
}
