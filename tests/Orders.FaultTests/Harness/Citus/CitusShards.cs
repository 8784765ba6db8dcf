using Dapper;
using Npgsql;

namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// Where a cluster's shards lie and how they move, asked of and told to its coordinator: what an
/// operator growing the cluster runs, and what a growth test counts before and after.
/// </summary>
public sealed class CitusShards(string coordinatorConnectionString)
{
    // A move copies a shard group and replays its writes; on two shared cores it can take minutes.
    private const int MoveTimeoutSeconds = 600;

    /// <summary>Shard placements (every distributed table's) per node port, in port order.</summary>
    public async Task<IReadOnlyDictionary<int, long>> PlacementsPerNodeAsync()
    {
        await using var connection = new NpgsqlConnection(coordinatorConnectionString);
        var rows = await connection.QueryAsync<(int Port, long Placements)>(
            "SELECT nodeport, count(*) FROM pg_dist_shard_placement GROUP BY nodeport ORDER BY nodeport");
        return rows.ToDictionary(row => row.Port, row => row.Placements);
    }

    /// <summary>The id of <paramref name="owner"/>'s shard of orders (its lines and events are co-located with it).</summary>
    public async Task<long> ShardOfAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(coordinatorConnectionString);
        return await connection.QuerySingleAsync<long>(
            "SELECT get_shard_id_for_distribution_column('orders', @Owner)", new { Owner = owner });
    }

    /// <summary>The port of the node holding <paramref name="shard"/>.</summary>
    public async Task<int> NodeOfAsync(long shard)
    {
        await using var connection = new NpgsqlConnection(coordinatorConnectionString);
        return await connection.QuerySingleAsync<int>(
            "SELECT nodeport FROM pg_dist_shard_placement WHERE shardid = @Shard", new { Shard = shard });
    }

    /// <summary>
    /// Moves <paramref name="shard"/> (with its co-located shards) onto the node at <paramref name="targetPort"/>,
    /// online: force_logical copies it while it takes writes and blocks them only for the switch-over;
    /// it refuses a table without a replica identity rather than fall back to blocking writes.
    /// </summary>
    public async Task MoveAsync(long shard, int targetPort)
    {
        var sourcePort = await NodeOfAsync(shard);
        await using var connection = new NpgsqlConnection(coordinatorConnectionString);
        await connection.ExecuteAsync(
            """
            SELECT citus_move_shard_placement(@Shard, '127.0.0.1', @SourcePort, '127.0.0.1', @TargetPort,
                                              shard_transfer_mode => 'force_logical')
            """,
            new { Shard = shard, SourcePort = sourcePort, TargetPort = targetPort }, commandTimeout: MoveTimeoutSeconds);
    }

    /// <summary>
    /// The rest of the growth: Citus's background rebalancer spreads the shards evenly over every
    /// node that may hold them (citus_rebalance_start, online as <see cref="MoveAsync"/>), and this
    /// waits until its job ends (citus_rebalance_wait). Returns how many moves the job made.
    /// </summary>
    public async Task<long> RebalanceAsync()
    {
        await using var connection = new NpgsqlConnection(coordinatorConnectionString);
        // No job when the shards are already balanced: start returns null, and wait has nothing to wait for.
        var job = await connection.ExecuteScalarAsync<long?>(
            "SELECT citus_rebalance_start(shard_transfer_mode => 'force_logical')", commandTimeout: MoveTimeoutSeconds);
        if (job is null)
        {
            return 0;
        }
        await connection.ExecuteAsync("SELECT citus_rebalance_wait()", commandTimeout: MoveTimeoutSeconds);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_dist_background_task WHERE job_id = @Job AND status = 'done'", new { Job = job });
    }
}
