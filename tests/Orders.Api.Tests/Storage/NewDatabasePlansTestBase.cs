using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// What a prepared statement made on a new database's empty tables runs once the tables have grown
/// (PostgreSqlFreshTables). Deterministic by construction: ONE connection of the test's own (not the
/// app's pool, which hands statements to whichever idle connection comes next) prepares the store's own
/// reads by reference while the tables are empty and runs each eight times, so PostgreSQL has made and
/// kept its generic plan; then the app's store creates <see cref="Orders"/> orders of one owner (past
/// the app's ANALYZE points 64 and 512) while that connection keeps running the statements, as a busy
/// pool's connections do (so each ANALYZE has them plan again at once, on the tables as they are then:
/// one ANALYZE at 100 orders would leave a sequential scan, and this test fails); then EXPLAIN EXECUTE on that same connection shows the plan the
/// statement runs now. Autovacuum is off for the tables, so only the app can have analyzed them, and
/// each derived class has a database of its own (the class fixture), new and never analyzed.
/// </summary>
/// <remarks>
/// PostgreSQL only. On Citus the coordinator sends each worker the statement with its values and the
/// worker plans it on every execution, so no plan made on the empty shards is kept: docs/operations.md,
/// "A new database".
/// </remarks>
public abstract partial class NewDatabasePlansTestBase(PostgreSqlDatabase database) : ContractTestBase<PostgreSqlDatabase>(database)
{
    /// <summary>Past the app's second ANALYZE point (512 creates), where the unique key is the cheapest plan.</summary>
    protected const int Orders = 600;

    private const string ShopOwner = "new-shop";

    /// <summary>The store's statements that read an order by its reference: the create's two and the lookup's two.</summary>
    private static readonly string[] ReadsByReference =
        [PostgreSqlSql.FindOtherOrderHeader, PostgreSqlSql.FindOtherOrderLines, .. PostgreSqlSql.FindOrder.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    protected sealed record Plans(IReadOnlyList<string> OnEmptyTables, IReadOnlyList<string> AfterGrowth);

    /// <summary>The plans of the store's reads by reference, kept from the empty tables and after <see cref="Orders"/> creates.</summary>
    protected async Task<Plans> PlansAsync(IReadOnlyDictionary<string, string?>? settings, bool waitForTheAppsAnalyze)
    {
        // Given a new database, migrated by the app, whose order tables autovacuum leaves alone,
        var factory = StartFactory(settings);
        var store = StoreOf(factory);
        var orders = factory.Services.GetRequiredService<OrderFactory>();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await connection.ExecuteAsync("""
            ALTER TABLE orders SET (autovacuum_enabled = false);
            ALTER TABLE order_lines SET (autovacuum_enabled = false);
            """);
        Assert.Equal(0L, await connection.QuerySingleAsync<long>("SELECT count(*) FROM orders"));

        // and the store's reads by reference prepared on one connection and run there on the empty tables until their generic plan is kept,
        for (var i = 0; i < ReadsByReference.Length; i++)
        {
            await connection.ExecuteAsync($"PREPARE read_{i} (text, text, uuid) AS {Positional(ReadsByReference[i])}");
        }
        for (var run = 0; run < 8; run++)
        {
            await ExecuteAllAsync(connection);
        }
        var generic = await connection.QueryAsync<long>("SELECT generic_plans FROM pg_prepared_statements WHERE name LIKE 'read\\_%'");
        Assert.All(generic, count => Assert.True(count > 0, "a statement never planned generically on the empty tables"));
        var onEmptyTables = await ExplainAllAsync(connection);

        // when the app's store creates one owner's orders, one after another,
        for (var i = 0; i < Orders; i++)
        {
            var order = orders.Create(ShopOwner, new OrderDraft(
                OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null, null), null,
                [new OrderLineDraft("SKU-1", 2, 100), new OrderLineDraft("SKU-2", 1, 50)]));
            Assert.IsType<CreateOrderResult.Created>(await store.CreateAsync(order, Ct));
            // (and the prepared reads keep running, as a busy pool's connections do: an ANALYZE makes
            // them plan again at their next execution, on the tables as they are at that moment)
            if (i % 8 == 0)
            {
                await ExecuteAllAsync(connection);
            }
        }
        if (waitForTheAppsAnalyze)
        {
            // (its ANALYZE at 512 runs in the background: bounded wait until pg_class counts its rows)
            for (var poll = 0; poll < 200 && await connection.QuerySingleAsync<float>(
                     "SELECT reltuples FROM pg_class WHERE oid = 'orders'::regclass") < PostgreSqlFreshTables.DefaultAnalyzeAfterCreates * PostgreSqlFreshTables.Step / 2; poll++)
            {
                await Task.Delay(100, Ct);
            }
        }

        // then the same connection's statements run the plans below.
        return new Plans(onEmptyTables, await ExplainAllAsync(connection));
    }

    /// <summary>A plan that reads the order through the unique key (owner_id, client_reference): one row, however many orders the owner has.</summary>
    protected static bool OnTheUniqueKey(string plan) =>
        plan.Contains("uq_orders_owner_client_reference", StringComparison.Ordinal) && !plan.Contains("Seq Scan on orders", StringComparison.Ordinal)
        && !OwnerOnlyIndexCondition().IsMatch(plan);

    private static async Task ExecuteAllAsync(NpgsqlConnection connection)
    {
        for (var i = 0; i < ReadsByReference.Length; i++)
        {
            await connection.ExecuteAsync($"EXECUTE read_{i}({Arguments(i)})");
        }
    }

    private static async Task<IReadOnlyList<string>> ExplainAllAsync(NpgsqlConnection connection)
    {
        var plans = new List<string>();
        for (var i = 0; i < ReadsByReference.Length; i++)
        {
            var lines = await connection.QueryAsync<string>($"EXPLAIN EXECUTE read_{i}({Arguments(i)})");
            plans.Add($"{ReadsByReference[i]}\n{string.Join('\n', lines)}");
        }
        return plans;
    }

    // The store's Dapper names as PostgreSQL's positions; statements without @OrderId ignore $3.
    private static string Positional(string sql) => sql
        .Replace("@Owner", "$1", StringComparison.Ordinal)
        .Replace("@ClientReference", "$2", StringComparison.Ordinal)
        .Replace("@OrderId", "$3", StringComparison.Ordinal);

    private static string Arguments(int statement) => $"'{ShopOwner}', 'ref-{statement}', '{Guid.NewGuid()}'";

    // An index scan bounded by the owner alone: it reads every order (or line) of the owner.
    [GeneratedRegex(@"Index Cond: \(\(?owner_id\)?(::text)? = \$1\)\s*$", RegexOptions.Multiline)]
    private static partial Regex OwnerOnlyIndexCondition();
}
