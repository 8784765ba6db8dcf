using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// A brand-new database's first statistics, taken by the app after its first creates instead of
/// waiting up to a minute for autovacuum (docs/operations.md, "A new database").
/// </summary>
/// <remarks>
/// Why: each connection prepares the store's statements (Max Auto Prepare) and, from its sixth
/// execution on, keeps a generic plan made on the tables as they were then. With no statistics and
/// a table of a page or two, "owner_id = $1 AND client_reference = $2" costs exactly the same on the
/// primary key (owner_id, order_id) as on the unique key (owner_id, client_reference), and
/// PostgreSQL picked the primary key: every create then read all of the owner's orders, and its lines
/// query all of the owner's lines against them, so creates slowed as the tables grew (measured: from
/// 450-690 to 100-200 a second within 50 s) until autovacuum's first ANALYZE invalidated the plans.
/// An ANALYZE after a hundred creates does the same at once: the plans made after it see one owner
/// with many orders and choose the unique key. Measured alternatives, rejected: plan_cache_mode=
/// force_custom_plan fixes the plans but replans every statement and cost a quarter of the steady
/// create rate; enable_seqscan=off changes nothing (the bad plan is an index scan); per-table
/// autovacuum thresholds cannot shorten the wait for autovacuum's visit (autovacuum_naptime).
/// Only when the tables were never analyzed (reltuples &lt; 0), once per process; a failure (say, a
/// role that does not own the tables) is logged and left to autovacuum.
/// </remarks>
internal sealed partial class PostgreSqlFreshTables(NpgsqlDataSource dataSource, StorageOptions options, ILogger<PostgreSqlFreshTables> logger)
{
    /// <summary>
    /// Enough rows for statistics that tell the two keys apart, few enough that the wrong plan costs
    /// little until then (it reads every earlier order of the owner: about 100 rows, not thousands).
    /// </summary>
    public const int DefaultAnalyzeAfterCreates = 100;

    private const string NeverAnalyzed = """
        SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid IN ('orders'::regclass, 'order_lines'::regclass) AND reltuples < 0)
        """;

    // On Citus the coordinator passes ANALYZE on to every shard.
    private const string Analyze = "ANALYZE orders, order_lines";

    private int _created;

    /// <summary>
    /// Counts a create this process made; at the configured count, starts analyzing the tables if they
    /// never were. In the background: the request that happens to be the hundredth is answered at
    /// once, and an ANALYZE that waits (on Citus it visits every shard) never holds it past its deadline.
    /// </summary>
    public void OrderCreated()
    {
        var after = options.AnalyzeNewTablesAfterCreates;
        if (after <= 0 || Volatile.Read(ref _created) >= after || Interlocked.Increment(ref _created) != after)
        {
            return;
        }
        _ = Task.Run(() => AnalyzeIfNeverAnalyzedAsync(after));
    }

    private async Task AnalyzeIfNeverAnalyzedAsync(int creates)
    {
        try
        {
            // The data source's command timeout (the request deadline) bounds each statement.
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var check = new NpgsqlCommand(NeverAnalyzed, connection);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The order tables had no statistics yet; analyzed them after {Creates} creates so that prepared statements plan on their keys")]
    private static partial void Analyzed(ILogger logger, int creates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not analyze the new order tables ({Error}); autovacuum will")]
    private static partial void NotAnalyzed(ILogger logger, string error);
}
