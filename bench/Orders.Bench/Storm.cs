using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orders.Bench;

/// <summary>
/// The duplicate storm: N POSTs of one new reference, all in flight at once, on connections opened
/// beforehand so the clock measures the API and the database, not TCP handshakes. Reports the time
/// until the last answer and what the answers were; exactly one 201 and N-1 409s naming it is right.
/// </summary>
public static class Storm
{
    public static async Task<string> RunAsync(Uri api, int requests, string reference)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = requests })
        {
            BaseAddress = api,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("BENCH_TOKEN")) },
        };
        await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => client.GetAsync("/orders/storm-warm-up")));

        var body = JsonSerializer.Serialize(BenchOrder.Draft(reference), JsonSerializerOptions.Web);
        var gate = new TaskCompletionSource();
        var posts = Enumerable.Range(0, requests).Select(async _ =>
        {
            await gate.Task;
            using var response = await client.PostAsync("/orders", new StringContent(body, Encoding.UTF8, "application/json"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, OrderId: json.RootElement.TryGetProperty("orderId", out var id) ? id.GetString() : null);
        }).ToList();
        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var answers = await Task.WhenAll(posts);
        var settled = clock.Elapsed;

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var conflicts = answers.Count(a => a.StatusCode == HttpStatusCode.Conflict);
        var orderIds = answers.Select(a => a.OrderId).Where(id => id is not null).Distinct().Count();
        return $"STORM\t{settled.TotalMilliseconds:F0}\t201={created}\t409={conflicts}\tother={requests - created - conflicts}\torderIds={orderIds}";
    }
}
