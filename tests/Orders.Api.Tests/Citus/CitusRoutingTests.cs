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
/// commits there in one phase; so do a change, a cancel and a fulfilment, with their order_events row. Shown with Citus's own log of every command the coordinator sends to
/// a worker (citus.log_remote_commands), read from the notices of the store's real statements.
/// </summary>
public sealed partial class CitusRoutingTests(CitusDatabase database) : ContractTestBase<CitusDatabase>(database)
{
    // More creates than PostgreSQL's five custom plans: the prepared statements' generic plans too.
    private const int Creates = 8;

    [Fact]
    public async Task CreateAndLookup_EachTouchOneShardOfTheOwner_OnOneWorker_WithoutTwoPhaseCommit()
    {
        // Given the migrated schema and the app's own data source,
        var orders = StartFactory().Services.GetRequiredService<OrderFactory>();
        await using var logged = await LoggedConnection.OpenAsync(Database.ConnectionString);
        var (connection, remote) = (logged.Connection, logged.Remote);

        for (var i = 0; i < Creates; i++)
        {
            var owner = $"owner-{i}";
            var order = NewOrder(orders, owner);
            var home = await HomeOfAsync(owner);

            // when the store creates an order and then looks it up,
            remote.Clear();
            Assert.IsType<CreateOrderResult.Created>(await PostgreSqlOrderInsert.CreateAsync(connection, order, Ct));
            var create = remote.ToList();
            remote.Clear();
            Assert.NotNull(await PostgreSqlOrderStore.FindAsync(connection, owner, order.ClientReference, Ct));
            var lookup = remote.ToList();

            // then each sent its commands to the owner's shards on the one worker that holds them,
            AssertTouchesOnly(home, home.OrdersAndLines, create, "create");
            AssertTouchesOnly(home, home.OrdersAndLines, lookup, "lookup");
            // and the create committed there in one phase.
            AssertCommitsInOnePhase(create);
        }
    }

    [Fact]
    public async Task ChangeAndCancel_EachTouchOneShardOfTheOwner_OnOneWorker_WithoutTwoPhaseCommit()
    {
        // Given the app's own event factory (events on: each transition writes its outbox row too),
        var (orders, events) = FactoriesWithEventsOn();
        await using var logged = await LoggedConnection.OpenAsync(Database.ConnectionString);
        var (connection, remote) = (logged.Connection, logged.Remote);

        for (var i = 0; i < Creates; i++)
        {
            var owner = $"owner-{i}";
            var (order, home) = await PlaceAsync(connection, orders, owner);
            var now = DateTime.UtcNow;
            var change = new OrderChange(owner, order.ClientReference,
                new OrderPatch(new(true, "Ada"), default, false, default, default, default, default, default), now, null, Guid.CreateVersion7());
            var cancellation = new OrderCancellation(owner, order.ClientReference, "wrong size",
                now, new OrderVersion(order.OrderId, 2), Guid.CreateVersion7());

            // when the store changes the order and then cancels it (the cancel on If-Match),
            remote.Clear();
            Assert.IsType<TransitionResult.Applied>(await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.ChangeOrder,
                TransitionParameters.Of(change), owner, order.ClientReference, change.ChangeId, events.ChangedFor(change), Ct));
            var changed = remote.ToList();
            remote.Clear();
            Assert.IsType<TransitionResult.Applied>(await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.CancelOrder,
                TransitionParameters.Of(cancellation), owner, order.ClientReference, cancellation.ChangeId, events.CancelledFor(cancellation), Ct));
            var cancelled = remote.ToList();

            // then each sent its update, its event row and its reads to the owner's shards on one worker,
            AssertTouchesOnly(home, home.All, changed, "change");
            AssertTouchesOnly(home, home.All, cancelled, "cancel");
            // and committed there in one phase.
            AssertCommitsInOnePhase(changed);
            AssertCommitsInOnePhase(cancelled);
        }
    }

    [Fact]
    public async Task Fulfil_TouchesOneShardOfTheOwner_OnOneWorker_WithoutTwoPhaseCommit_AndSoDoesTheCancelItRefuses()
    {
        // Given the app's own event factory (events on: the fulfilment writes its order.fulfilled row too),
        // and the order named as the fulfilment service names it: by owner and reference, never by id alone,
        var (orders, events) = FactoriesWithEventsOn();
        await using var logged = await LoggedConnection.OpenAsync(Database.ConnectionString);
        var (connection, remote) = (logged.Connection, logged.Remote);

        for (var i = 0; i < Creates; i++)
        {
            var owner = $"auth0|owner-{i}";
            var (order, home) = await PlaceAsync(connection, orders, owner);
            var now = DateTime.UtcNow;
            var fulfilment = new OrderFulfilment(owner, order.ClientReference, "DHL", $"JD{i}", now, null, Guid.CreateVersion7());
            var cancellation = new OrderCancellation(owner, order.ClientReference, "too late", now, null, Guid.CreateVersion7());

            // when the store fulfils the order, and then the customer's cancel finds it fulfilled,
            remote.Clear();
            var fulfilled = await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.FulfilOrder,
                TransitionParameters.Of(fulfilment), owner, order.ClientReference, fulfilment.ChangeId, events.FulfilledFor(fulfilment), Ct);
            var fulfil = remote.ToList();
            remote.Clear();
            var refused = await PostgreSqlOrderTransition.RunAsync(connection, PostgreSqlSql.CancelOrder,
                TransitionParameters.Of(cancellation), owner, order.ClientReference, cancellation.ChangeId, events.CancelledFor(cancellation), Ct);
            var cancel = remote.ToList();

            // then the fulfilment sent its update, its event row and its reads to the owner's shards on one
            // worker and committed there in one phase; the refused cancel went nowhere else either.
            Assert.Equal(Order.FulfilledStatus, Assert.IsType<TransitionResult.Applied>(fulfilled).Order.Status);
            Assert.Equal(Order.FulfilledStatus, Assert.IsType<TransitionResult.Refused>(refused).Current.Status);
            AssertTouchesOnly(home, home.All, fulfil, "fulfil");
            AssertCommitsInOnePhase(fulfil);
            AssertTouchesOnly(home, home.All, cancel, "refused cancel");
            Assert.DoesNotContain(cancel, c => c.Command.Contains("PREPARE TRANSACTION", StringComparison.Ordinal));
        }
    }

    /// <summary>The app's own order and event factories, with events on (each transition writes its outbox row too).</summary>
    private (OrderFactory Orders, IOrderEventFactory Events) FactoriesWithEventsOn()
    {
        var factory = StartFactory(new Dictionary<string, string?> { ["Events:Broker"] = "amqp://127.0.0.1:1/" });
        return (factory.Services.GetRequiredService<OrderFactory>(), factory.Services.GetRequiredService<IOrderEventFactory>());
    }

    /// <summary>A new order of <paramref name="owner"/>, created by the store on <paramref name="connection"/>, and where Citus keeps it.</summary>
    private async Task<(Order Order, Home Home)> PlaceAsync(NpgsqlConnection connection, OrderFactory orders, string owner)
    {
        var order = NewOrder(orders, owner);
        Assert.IsType<CreateOrderResult.Created>(await PostgreSqlOrderInsert.CreateAsync(connection, order, Ct));
        return (order, await HomeOfAsync(owner));
    }

    private static Order NewOrder(OrderFactory orders, string owner) => orders.Create(owner, new OrderDraft(
        OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null, null), null,
        [new OrderLineDraft("SKU-1", 2, 100), new OrderLineDraft("SKU-2", 1, 50)]));

    // A COMMIT sent to the worker, and no PREPARE TRANSACTION: one worker, one phase.
    private static void AssertCommitsInOnePhase(List<(string Command, string Server)> remote)
    {
        Assert.Contains(remote, c => c.Command.Contains("COMMIT", StringComparison.Ordinal));
        Assert.DoesNotContain(remote, c => c.Command.Contains("PREPARE TRANSACTION", StringComparison.Ordinal));
    }

    private static void AssertTouchesOnly(Home home, IReadOnlyList<string> expectedShards, List<(string Command, string Server)> remote, string what)
    {
        Assert.NotEmpty(remote);
        var servers = remote.Select(c => ServerPattern().Match(c.Server).Groups[1].Value).Distinct().ToList();
        var shards = remote.SelectMany(c => ShardPattern().Matches(c.Command)).Select(m => m.Value).Distinct().Order().ToList();
        var log = string.Join('\n', remote.Select(c => $"{c.Server}: {c.Command}"));
        Assert.True(servers.SequenceEqual([home.Server]), $"{what} went to {string.Join(", ", servers)}, not only {home.Server}:\n{log}");
        Assert.True(shards.SequenceEqual(expectedShards), $"{what} touched {string.Join(", ", shards)}, not {string.Join(", ", expectedShards)}:\n{log}");
    }

    /// <summary>Where Citus keeps the owner's rows: its orders, order_lines and order_events shards, and their worker.</summary>
    private async Task<Home> HomeOfAsync(string owner)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        var placements = (await connection.QueryAsync<(string Shard, string Server)>(
            """
            SELECT s.shard_name::text, s.nodename || ':' || s.nodeport
            FROM citus_shards s
            WHERE s.shardid IN (get_shard_id_for_distribution_column('orders', @Owner),
                                get_shard_id_for_distribution_column('order_lines', @Owner),
                                get_shard_id_for_distribution_column('order_events', @Owner))
            """, new { Owner = owner })).ToList();
        Assert.Equal(3, placements.Count);
        return new Home(Assert.Single(placements.Select(p => p.Server).Distinct()), [.. placements.Select(p => p.Shard).Order()]);
    }

    /// <summary>The owner's worker and shard placements, co-located there.</summary>
    /// <summary>
    /// A connection of the app's own data source (automatic preparation included) on which Citus
    /// reports every command the coordinator sends to a worker, and the list the reports go to.
    /// </summary>
    private sealed class LoggedConnection(NpgsqlDataSource dataSource, NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public List<(string Command, string Server)> Remote { get; } = [];

        public static async Task<LoggedConnection> OpenAsync(string connectionString)
        {
            // Npgsql withholds a notice's detail (here: which worker) unless asked for it.
            var dataSource = PostgreSqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true }.ToString());
            var logged = new LoggedConnection(dataSource, await dataSource.OpenConnectionAsync(Ct));
            logged.Connection.Notice += (_, e) => logged.Remote.Add((e.Notice.MessageText, e.Notice.Detail ?? ""));
            await logged.Connection.ExecuteAsync("SET citus.log_remote_commands = on");
            return logged;
        }

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }

    private sealed record Home(string Server, IReadOnlyList<string> All)
    {
        /// <summary>What a create (events off) and a lookup touch.</summary>
        public IReadOnlyList<string> OrdersAndLines => [.. All.Where(shard => !shard.StartsWith("order_events_", StringComparison.Ordinal))];
    }

    // "on server postgres@127.0.0.1:55602 connectionId: 1"
    [GeneratedRegex(@"on server \S*@(\S+) connectionId")]
    private static partial Regex ServerPattern();

    // Shard names as Citus writes them into a worker's command: orders_102008, order_lines_102040, order_events_102072.
    [GeneratedRegex(@"\border(?:s|_lines|_events)_\d+\b")]
    private static partial Regex ShardPattern();
}
