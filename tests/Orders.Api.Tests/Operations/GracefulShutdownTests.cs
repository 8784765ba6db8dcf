using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>SIGTERM under load: stop accepting, finish what is in flight, exit 0.</summary>
public sealed class GracefulShutdownTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private const int Workers = 16;
    private const int MaxRequestsPerWorker = 500;
    private sealed record Outcome(string Reference, HttpStatusCode? Status, bool CompletedAfterSignal, string? Failure, bool CutOffMidResponse);

    [Fact]
    public async Task SigtermDuringLoad_CutsNoRequestOffMidway_AndExits0()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(TestTokens.Environment)
        {
            ["ConnectionStrings__Orders"] = database.ConnectionString,
            ["RateLimiting__Enabled"] = "false", // the load here is the point, not the limit
        });
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Mint());
        var outcomes = new ConcurrentBag<Outcome>();
        long signalledAt = long.MaxValue;

        // Given steady load from 16 clients,
        var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < MaxRequestsPerWorker; i++)
            {
                var outcome = await PostAsync(client, () => Interlocked.Read(ref signalledAt));
                outcomes.Add(outcome);
                if (outcome.Failure is not null)
                {
                    return; // the server is gone for this worker
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        // when the orchestrator sends SIGTERM,
        Interlocked.Exchange(ref signalledAt, Stopwatch.GetTimestamp());
        api.Terminate();
        var (exitCode, output) = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(load);

        // then the app exits 0, requests in flight were answered in full, and nothing is half-stored.
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(outcomes, outcome => outcome.CutOffMidResponse);
        Assert.All(outcomes.Where(outcome => outcome.Status is not null), outcome => Assert.Equal(HttpStatusCode.Created, outcome.Status));
        Assert.Contains(outcomes, outcome => outcome.Status == HttpStatusCode.Created && outcome.CompletedAfterSignal);
        foreach (var outcome in outcomes)
        {
            var (orders, lines) = await database.CountRowsAsync(TestTokens.DefaultOwner, outcome.Reference);
            if (outcome.Status == HttpStatusCode.Created) Assert.Equal((1, 2), (orders, lines));
            else Assert.True((orders, lines) is (0, 0) or (1, 2), $"{outcome.Reference}: {orders} orders, {lines} lines");
        }
    }

    private static async Task<Outcome> PostAsync(HttpClient client, Func<long> signalledAt)
    {
        var reference = OrderRequests.NewReference();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(OrderRequests.Valid(reference)) };
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException ex)
        {
            // No response began: refused, or the connection closed before an answer. Not a cut-off response.
            return new Outcome(reference, null, false, ex.HttpRequestError.ToString(), false);
        }
        using (response)
        {
            try
            {
                await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
                return new Outcome(reference, response.StatusCode, Stopwatch.GetTimestamp() > signalledAt(), null, false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                return new Outcome(reference, response.StatusCode, false, ex.Message, CutOffMidResponse: true);
            }
        }
    }
}
