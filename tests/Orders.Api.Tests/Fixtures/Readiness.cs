using System.Diagnostics;
using System.Net;

namespace Orders.Api.Tests.Fixtures;

/// <summary>Waits, as a load balancer does, for /health/ready: an instance says ready once its pool is warm.</summary>
public static class Readiness
{
    /// <summary>The first 200, or the last answer when <paramref name="bound"/> has passed (bounded: every 200 ms).</summary>
    public static async Task<HttpStatusCode> WaitForReadyAsync(HttpClient client, TimeSpan bound, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var answer = await client.GetAsync("/health/ready", ct);
            if (answer.StatusCode == HttpStatusCode.OK || waited.Elapsed > bound)
            {
                return answer.StatusCode;
            }
            await Task.Delay(200, ct);
        }
    }
}
