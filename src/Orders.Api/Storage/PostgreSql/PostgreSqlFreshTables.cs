using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// A new database's statistics, taken by the app while its order tables grow instead of waiting up
/// to a minute for autovacuum (docs/operations.md, "A new database").
/// </summary>
/// <remarks>
/// Why: each connection prepares the store's statements (Max Auto Prepare) and, from a statement's
/// sixth execution on, keeps a generic plan made on the tables as they were then, until an ANALYZE
/// (or VACUUM) of a table it reads invalidates it. Made on a table of a page or two without statistics,
/// "owner_id = $1 AND client_reference = $2" costs the same on the primary key (owner_id, order_id) as
/// on the unique key (owner_id, client_reference), and PostgreSQL 15 takes the primary key: every
/// create then reads all of the owner's orders, and its lines query joins all of the owner's lines
/// against them (measured: 10.8 s for one execution at 5,000 orders of one owner). One ANALYZE is not
/// enough if it comes early: the plans are made again at once, on statistics of 100 or 200 orders,
/// where a sequential scan is rightly cheapest, and that plan is kept as well; from about 300 orders
/// on, the unique key is cheapest (measured, docs/benchmarks.md). So the app analyzes at three points of
/// its own creates, each eight times the last (64, 512 and 4,096 by default): the first replaces the
/// empty-table plans with ones that grow linearly with the table, the second makes them the unique
/// key's, which stays right however large the table grows, the third catches up with a table still
/// growing faster than autovacuum's first visit. Only while a table's statistics count fewer than half
/// the rows this process created (never analyzed: reltuples &lt; 0): on an established database it never
/// analyzes. A failure (say, a role that does not own the tables) is logged and left to autovacuum.
/// </remarks>
internal sealed partial class PostgreSqlFreshTables(NpgsqlDataSource dataSource, StorageOptions options, ILogger<PostgreSqlFreshTables> logger)
{
    /// <summary>The first point (creates of this process); 0 switches the app's ANALYZE off.</summary>
    public const int DefaultAnalyzeAfterCreates = 64;

    /// <summary>Each point is this many times the one before.</summary>
    public const int Step = 8;

    /// <summary>How many points: 64, 512, 4,096 by default.</summary>
    public const int Points = 3;

    private const string Stale = """
        SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid IN ('orders'::regclass, 'order_lines'::regclass) AND reltuples < @half)
        """;

    // On Citus the coordinator passes ANALYZE on to every shard.
    private const string Analyze = "ANALYZE orders, order_lines";

    // Worked out once: the storage options are fixed for the life of the process, and every create asks.
    private readonly long[] _points = PointsFor(options.AnalyzeNewTablesAfterCreates);

    private long _created;

    /// <summary>The creates of this process at which it looks at the statistics: the configured first point, then each <see cref="Step"/> times the last.</summary>
    private static long[] PointsFor(int first) =>
        first <= 0 ? [] : Enumerable.Range(0, Points).Select(i => first * (long)Math.Pow(Step, i)).ToArray();

    /// <summary>
    /// Counts a create this process made; at each point, starts analyzing the tables if their
    /// statistics lag. In the background: the request that happens to reach a point is answered at
    /// once, and an ANALYZE that waits (on Citus it visits every shard) never holds it past its deadline.
    /// </summary>
    public void OrderCreated()
    {
        if (_points.Length == 0 || Volatile.Read(ref _created) >= _points[^1])
        {
            return;
        }
        var created = Interlocked.Increment(ref _created);
        if (_points.Contains(created))
        {
            _ = Task.Run(() => AnalyzeIfStaleAsync(created));
        }
    }

    private async Task AnalyzeIfStaleAsync(long creates)
    {
        try
        {
            // The data source's command timeout (the request deadline) bounds each statement.
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var check = new NpgsqlCommand(Stale, connection);
            check.Parameters.AddWithValue("half", (float)(creates / 2));
            if (await check.ExecuteScalarAsync() is true)
            {
                await using var analyze = new NpgsqlCommand(Analyze, connection);
                await analyze.ExecuteNonQueryAsync();
                Analyzed(logger, creates);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            NotAnalyzed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The order tables' statistics counted fewer rows than this process created; analyzed them after {Creates} creates so that prepared statements plan on their keys")]
    private static partial void Analyzed(ILogger logger, long creates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not analyze the new order tables ({Error}); autovacuum will")]
    private static partial void NotAnalyzed(ILogger logger, string error);
}
