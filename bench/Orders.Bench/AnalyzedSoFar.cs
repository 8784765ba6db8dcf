using Npgsql;

namespace Orders.Bench;

/// <summary>
/// How many times the order tables (or, on Citus, their shards) have been analyzed so far: the sum of
/// analyze_count + autoanalyze_count on each stats connection, read about once a second in the
/// background while the fresh load runs, so that a slow reading never delays the per-second count.
/// </summary>
public sealed class AnalyzedSoFar
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _latest;

    /// <summary>The last reading; 0 before the first.</summary>
    public long Latest => Interlocked.Read(ref _latest);

    /// <summary>Reads until <paramref name="stop"/> (at most <paramref name="maxReadings"/> times, a bound in case it never comes).</summary>
    public async Task FollowAsync(string[] connections, int maxReadings, CancellationToken stop)
    {
        for (var reading = 0; reading < maxReadings && !stop.IsCancellationRequested; reading++)
        {
            Interlocked.Exchange(ref _latest, await ReadAsync(connections));
            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<long> ReadAsync(string[] connections)
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
