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
/// <c>SECOND &lt;n&gt; &lt;creates that second&gt; &lt;tables analyzed so far&gt;</c>. The last column sums
/// analyze_count + autoanalyze_count of the order tables (or, on Citus, their shards) on each stats
/// connection, so a reader sees when autovacuum first analyzed them.
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
        long previous = 0;
        for (var second = 1; second <= seconds; second++)
        {
            var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var now = Interlocked.Read(ref created);
            var analyzed = await AnalyzedAsync(statsConnections);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SECOND\t{second}\t{now - previous}\t{analyzed}"));
            previous = now;
        }
        var measurement = await load;
        Console.WriteLine(measurement.ToResultLine());
    }

    private static async Task<long> AnalyzedAsync(string[] connections)
    {
        long total = 0;
        foreach (var connectionString in connections)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT coalesce(sum(analyze_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables
                WHERE relname ~ '^(orders|order_lines)(_[0-9]+)?$'
                """, connection);
            total += (long)(await command.ExecuteScalarAsync())!;
        }
        return total;
    }
}
