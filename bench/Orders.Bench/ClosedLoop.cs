using System.Diagnostics;

namespace Orders.Bench;

/// <summary>
/// The raw side's load shape, the same as wrk's: a fixed number of workers, each starting its next
/// operation as soon as the last one ended, for a fixed time. Latency is measured per operation.
/// </summary>
public static class ClosedLoop
{
    public static async Task<Measurement> RunAsync(int concurrency, TimeSpan duration, Func<int, Task> operation)
    {
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var counter = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(Interlocked.Increment(ref counter));
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                // DbException: NpgsqlException and SqlException alike, whichever store the raw path runs.
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var elapsed = clock.Elapsed;
        return Measurement.From(latencies.SelectMany(l => l).ToList(), errors, elapsed) with
        {
            ClientCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore,
        };
    }
}
