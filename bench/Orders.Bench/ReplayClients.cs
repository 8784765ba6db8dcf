using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Orders.Bench;

/// <summary>
/// The clients of the replay comparison (run-bench.sh with BENCH_REPLAY=1), each against the floor
/// (ours: 201, then 409 with the order) or the replay server (<see cref="Replay"/>: 201, then the
/// same 201 replayed; 409 IDEMPOTENCY_KEY_IN_USE while a holder is in flight).
/// </summary>
public static class ReplayClients
{
    private static HttpClient Client(Uri server, int connections, double timeoutSeconds) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };

    private static StringContent Body(string reference) => new(BenchOrder.Json(reference), Encoding.UTF8, "application/json");

    /// <summary>What a client sees: 201, 201r (a replayed 201), 409 (ours: the order exists), 409i (in flight), or the status.</summary>
    private static async Task<string> PostAsync(HttpClient client, string reference)
    {
        using var response = await client.PostAsync("/orders", Body(reference));
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode switch
        {
            201 when response.Headers.Contains("Idempotent-Replayed") => "201r",
            409 when text.Contains("IDEMPOTENCY_KEY_IN_USE", StringComparison.Ordinal) => "409i",
            var status => status.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Places orders prefix1 … prefixN, <paramref name="concurrency"/> at a time: the keys the placed-duplicate scenario replays.</summary>
    public static async Task<string> PlaceAsync(Uri server, string prefix, int count, int concurrency)
    {
        using var client = Client(server, concurrency, 30);
        var next = 0;
        var answers = new Dictionary<string, int>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) <= count)
            {
                var answer = await PostAsync(client, prefix + number.ToString(CultureInfo.InvariantCulture));
                lock (answers)
                {
                    answers[answer] = answers.GetValueOrDefault(answer) + 1;
                }
            }
        }));
        return "PLACED\t" + Tally(answers);
    }

    /// <summary>
    /// Pairs of identical requests sent at the same moment, <paramref name="concurrency"/> pairs at a
    /// time: what each side of a pair sees, and how long the later answer of a pair took.
    /// </summary>
    public static async Task<string> InFlightAsync(Uri server, string prefix, int pairs, int concurrency)
    {
        using var client = Client(server, concurrency * 2, 30);
        var next = 0;
        var outcomes = new Dictionary<string, int>();
        var later = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) <= pairs)
            {
                var reference = prefix + number.ToString(CultureInfo.InvariantCulture);
                var clock = Stopwatch.StartNew();
                var both = await Task.WhenAll(Timed(client, reference, clock), Timed(client, reference, clock));
                var outcome = string.Join('+', both.Select(answer => answer.Answer).Order(StringComparer.Ordinal));
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                    later.Add(both.Max(answer => answer.Milliseconds));
                }
            }
        }));
        later.Sort();
        return FormattableString.Invariant($"INFLIGHT\tlater answer p50={Percentile(later, 0.5):F2} ms p99={Percentile(later, 0.99):F2} ms\t") + Tally(outcomes);
    }

    private static async Task<(string Answer, double Milliseconds)> Timed(HttpClient client, string reference, Stopwatch clock) =>
        (await PostAsync(client, reference), clock.Elapsed.TotalMilliseconds);

    /// <summary>
    /// The SIGKILL ledger's load: <paramref name="clients"/> checkouts against the comma-separated <paramref name="servers"/>, each placing new orders one
    /// after another for <paramref name="seconds"/>, retrying each (same reference, same body) every
    /// 100 ms while the server is down, a request fails, or the key is in flight (409i), at most 600
    /// tries (a minute), until a final answer: 201, 201r or 409. Prints the answers, how many orders
    /// needed a retry, and how long those waited from their first try to their final answer.
    /// </summary>
    public static async Task<string> RetryLoadAsync(string servers, string prefix, int clients, int seconds)
    {
        // A fleet behind a load balancer, in miniature: each try of a checkout goes to the next server
        // of the list, so a retry after a kill meets a survivor while the killed one restarts.
        var fleet = servers.Split(',').Select(server => Client(new Uri(server), clients, 2)).ToList();
        var finals = new Dictionary<string, int>();
        var seen = new Dictionary<string, int>();
        var waits = new List<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, clients).Select(async checkout =>
        {
            for (var order = 1; stop.Elapsed.TotalSeconds < seconds; order++)
            {
                var reference = FormattableString.Invariant($"{prefix}{checkout}-{order}");
                var clock = Stopwatch.StartNew();
                string? final = null;
                var tries = 0;
                while (final is null && tries++ < 600)
                {
                    string answer;
                    try
                    {
                        answer = await PostAsync(fleet[(checkout + tries) % fleet.Count], reference);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        answer = "down";
                    }
                    lock (seen)
                    {
                        seen[answer] = seen.GetValueOrDefault(answer) + 1;
                    }
                    if (answer is "201" or "201r" or "409" or "422")
                    {
                        final = answer;
                    }
                    else
                    {
                        await Task.Delay(100);
                    }
                }
                lock (finals)
                {
                    finals[final ?? "none"] = finals.GetValueOrDefault(final ?? "none") + 1;
                    if (tries > 1)
                    {
                        waits.Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }
        }));
        fleet.ForEach(client => client.Dispose());
        waits.Sort();
        return FormattableString.Invariant(
            $"LEDGER\tfinal: {Tally(finals)}\tanswers seen: {Tally(seen)}\tretried orders={waits.Count} wait p50={Percentile(waits, 0.5):F0} ms p99={Percentile(waits, 0.99):F0} ms max={(waits.Count == 0 ? 0 : waits[^1]):F0} ms");
    }

    private static string Tally(Dictionary<string, int> counts) =>
        string.Join(' ', counts.OrderBy(count => count.Key, StringComparer.Ordinal).Select(count => FormattableString.Invariant($"{count.Key}={count.Value}")));

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
