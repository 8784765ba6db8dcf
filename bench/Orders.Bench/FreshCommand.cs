using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;

namespace Orders.Bench;

/// <summary>
/// <c>fresh &lt;fresh database&gt; &lt;warm-up database&gt; &lt;concurrency&gt; &lt;seconds&gt; &lt;run id&gt; [stats connection]...</c>:
/// a new shop's first minute. Migrates both databases with the app's own migrator, warms this
/// process up on the warm-up database (so the JIT's first seconds are not counted against the
/// database), then runs the raw create load on the empty fresh one and prints one line per second:
/// <c>SECOND &lt;n&gt; &lt;creates that second&gt; &lt;tables analyzed so far&gt; &lt;seconds since the load began&gt;</c>.
/// "Tables analyzed so far" is <see cref="AnalyzedSoFar"/>'s latest reading, so a reader sees when
/// autovacuum (or the app) first analyzed the tables; the last column is the line's real time, so a
/// reader can check that each line covers one second.
/// </summary>
public static class FreshCommand
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string[] args)
    {
        var (fresh, warm) = (args[1], args[2]);
        var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
        var seconds = int.Parse(args[4], CultureInfo.InvariantCulture);
        var statsConnections = args.Length > 6 ? args[6..] : [fresh];
        foreach (var database in new[] { warm, fresh })
        {
            new PostgreSqlMigrator(new OrdersConnectionString(database, database), NullLogger<PostgreSqlMigrator>.Instance).Migrate();
        }
        await using (var warmPath = new PostgreSqlRawPath(warm))
        {
            await ClosedLoop.RunAsync(concurrency, WarmUp, new RawWorkload(warmPath, $"{args[5]}-warm-up", 1).CreateAsync);
        }
        NpgsqlConnection.ClearAllPools();

        await using var path = new PostgreSqlRawPath(fresh);
        await path.OpenConnectionsAsync(concurrency);
        var workload = new RawWorkload(path, args[5], 1);
        long created = 0;
        var duration = TimeSpan.FromSeconds(seconds);
        var load = ClosedLoop.RunAsync(concurrency, duration, async n =>
        {
            await workload.CreateAsync(n);
            Interlocked.Increment(ref created);
        });
        var clock = Stopwatch.StartNew();
        using var loadEnded = new CancellationTokenSource();
        var analyzed = new AnalyzedSoFar();
        // Beside the count, never in its way: on Citus one reading (a new session on each worker) took
        // up to 2.6 s while the load started, and read inline it held the next second's line back, so
        // "second 1" covered 3.6 s, "second 2" the 0.9 s after it, and the series showed a burst and a
        // stall that were never there.
        var statistics = analyzed.FollowAsync(statsConnections, maxReadings: 2 * seconds, loadEnded.Token);
        long previous = 0;
        for (var second = 1; second <= seconds; second++)
        {
            var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var now = Interlocked.Read(ref created);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SECOND\t{second}\t{now - previous}\t{analyzed.Latest}\t{clock.Elapsed.TotalSeconds:F2}"));
            previous = now;
        }
        await loadEnded.CancelAsync();
        await statistics;
        var measurement = await load;
        Console.WriteLine(measurement.ToResultLine());
    }
}
