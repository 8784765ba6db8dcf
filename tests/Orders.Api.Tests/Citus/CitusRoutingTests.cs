using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Citus;

/// <summary>
/// On a Citus cluster (ORDERS_TEST_CITUS), the store's own create and lookup each touch one shard
/// placement of orders and one of order_lines (co-located, the owner's), on one worker, and the create
/// commits there in one phase. Shown with Citus's own log of every command the coordinator sends to
/// a worker (citus.log_remote_commands), read from the notices of the store's real statements.
/// </summary>
public sealed partial class CitusRoutingTests(CitusDatabase database) : ContractTestBase<CitusDatabase>(database)
{
    // More creates than PostgreSQL's five custom plans: the prepared statements' generic plans too.
    private const int Creates = 8;

    [Fact]
    public async Task CreateAndLookup_EachTouchOneShardOfTheOwner_OnOneWorker_WithoutTwoPhaseCommit()
    {
        // Given the migrated schema and the app's own data source (automatic preparation included),
        var orders = StartFactory().Services.GetRequiredService<OrderFactory>();
        // Npgsql withholds a notice's detail (here: which worker) unless asked for it.
        await using var dataSource = PostgreSqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(Database.ConnectionString) { IncludeErrorDetail = true }.ToString());
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        var remote = new List<(string Command, string Server)>();
        connection.Notice += (_, e) => remote.Add((e.Notice.MessageText, e.Notice.Detail ?? ""));
        await connection.ExecuteAsync("SET citus.log_remote_commands = on");

        for (var i = 0; i < Creates; i++)
        {
            var owner = $"owner-{i}";
            var order = orders.Create(owner, new OrderDraft(
                OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null, null), null,
                [new OrderLineDraft("SKU-1", 2, 100), new OrderLineDraft("SKU-2", 1, 50)]));
            var home = await HomeOfAsync(owner);

            // when the store creates an order and then looks it up,
            remote.Clear();
            Assert.IsType<CreateOrderResult.Created>(await PostgreSqlOrderInsert.CreateAsync(connection, order, Ct));
            var create = remote.ToList();
            remote.Clear();
            Assert.NotNull(await PostgreSqlOrderStore.FindAsync(connection, owner, order.ClientReference, Ct));
            var lookup = remote.ToList();

            // then each sent its commands to the owner's shards on the one worker that holds them,
            AssertTouchesOnly(home, create, "create");
            AssertTouchesOnly(home, lookup, "lookup");
            // and the create committed there in one phase.
            Assert.Contains(create, c => c.Command.Contains("COMMIT", StringComparison.Ordinal));
            Assert.DoesNotContain(create, c => c.Command.Contains("PREPARE TRANSACTION", StringComparison.Ordinal));
        }
    }

    private static void AssertTouchesOnly(Home home, List<(string Command, string Server)> remote, string what)
    {
        Assert.NotEmpty(remote);
        var servers = remote.Select(c => ServerPattern().Match(c.Server).Groups[1].Value).Distinct().ToList();
        var shards = remote.SelectMany(c => ShardPattern().Matches(c.Command)).Select(m => m.Value).Distinct().Order().ToList();
        var log = string.Join('\n', remote.Select(c => $"{c.Server}: {c.Command}"));
        Assert.True(servers.SequenceEqual([home.Server]), $"{what} went to {string.Join(", ", servers)}, not only {home.Server}:\n{log}");
        Assert.True(shards.SequenceEqual(home.Shards), $"{what} touched {string.Join(", ", shards)}, not only {string.Join(", ", home.Shards)}:\n{log}");
    }

    /// <summary>Where Citus keeps the owner's rows: its orders and order_lines shards, and their worker.</summary>
    private async Task<Home> HomeOfAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        var placements = (await connection.QueryAsync<(string Shard, string Server)>(
            """
            SELECT s.shard_name::text, s.nodename || ':' || s.nodeport
            FROM citus_shards s
            WHERE s.shardid IN (get_shard_id_for_distribution_column('orders', @Owner),
                                get_shard_id_for_distribution_column('order_lines', @Owner))
            """, new { Owner = owner })).ToList();
        Assert.Equal(2, placements.Count);
        return new Home(Assert.Single(placements.Select(p => p.Server).Distinct()), [.. placements.Select(p => p.Shard).Order()]);
    }

    private sealed record Home(string Server, IReadOnlyList<string> Shards);

    // "on server postgres@127.0.0.1:55602 connectionId: 1"
    [GeneratedRegex(@"on server \S*@(\S+) connectionId")]
    private static partial Regex ServerPattern();

    // Shard names as Citus writes them into a worker's command: orders_102008, order_lines_102040.
    [GeneratedRegex(@"\border(?:s|_lines)_\d+\b")]
    private static partial Regex ShardPattern();
}
