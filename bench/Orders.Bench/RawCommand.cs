using System.Globalization;

namespace Orders.Bench;

/// <summary>
/// <c>raw &lt;postgresql|sqlserver&gt; &lt;create|duplicate|lookup|not-modified|cancel|change&gt; &lt;connection string&gt; &lt;concurrency&gt; &lt;seconds&gt; &lt;seeded orders&gt; &lt;run id&gt;</c>:
/// the raw path's closed loop, printing one RESULT line.
/// </summary>
public static class RawCommand
{
    public static async Task RunAsync(string[] args)
    {
        await using IRawPath path = args[1] switch
        {
            "postgresql" => new PostgreSqlRawPath(args[3]),
            "sqlserver" => new SqlServerRawPath(args[3]),
            var other => throw new ArgumentException($"unknown store {other}"),
        };
        var workload = new RawWorkload(path, args[7], int.Parse(args[6], CultureInfo.InvariantCulture));
        Func<int, Task> operation = args[2] switch
        {
            "create" => workload.CreateAsync,
            "duplicate" => workload.DuplicateAsync,
            "lookup" => workload.LookupAsync,
            "not-modified" => workload.NotModifiedAsync,
            "cancel" => workload.CancelAsync,
            "change" => workload.ChangeAsync,
            var other => throw new ArgumentException($"unknown raw scenario {other}"),
        };
        var concurrency = int.Parse(args[4], CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
        // Unmeasured first, as the API gets a wrk warm-up: JIT tiers and the pool fill.
        await ClosedLoop.RunAsync(concurrency, duration / 4, operation);
        var measurement = await ClosedLoop.RunAsync(concurrency, duration, operation);
        Console.WriteLine(measurement.ToResultLine());
    }
}
