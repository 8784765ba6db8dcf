using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Orders;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// On a brand-new database, the store's prepared reads by reference (the create's read of another
/// order holding the reference, and the lookup) end up planned on the unique key (owner_id,
/// client_reference), not on a scan of every order of the owner through the primary key: the plan a
/// prepared statement kept from when the tables were empty (PostgreSqlFreshTables). Shown with
/// EXPLAIN EXECUTE of the store's own prepared statements on the app's own connection; autovacuum is
/// off for the tables, so only the app can have analyzed them.
/// </summary>
/// <remarks>
/// PostgreSQL only. On Citus the coordinator sends each worker the statement with its values and the
/// worker plans it on every execution, so no plan made on the empty tables is kept (and a 150-row
/// shard is rightly read by a sequential scan): docs/operations.md, "A new database".
/// </remarks>
public sealed partial class PostgreSqlNewDatabasePlansTests(PostgreSqlDatabase database) : ContractTestBase<PostgreSqlDatabase>(database)
{
    // Past the app's first ANALYZE (after 100 creates) and PostgreSQL's five custom plans per statement.
    private const int Orders = 150;

    [Fact]
    public async Task OnANewDatabase_ReadsByReference_ArePlannedOnTheUniqueKey_NotOnAScanOfTheOwnersOrders()
    {
        var plans = await PlansAfterCreatesAsync(settings: null);

        Assert.All(plans, plan =>
        {
            Assert.Contains("uq_orders_owner_client_reference", plan.Plan, StringComparison.Ordinal);
            Assert.DoesNotMatch(OwnerOnlyIndexCondition(), plan.Plan);
        });
    }

    /// <summary>What the app's first ANALYZE prevents: with it switched off, the plans made on the empty tables stay.</summary>
    [Fact]
    public async Task WithTheFirstAnalyzeSwitchedOff_ReadsByReferenceKeepTheirEmptyTablePlan_AScanOfTheOwnersOrders()
    {
        var plans = await PlansAfterCreatesAsync(new Dictionary<string, string?> { ["Storage:AnalyzeNewTablesAfterCreates"] = "0" });

        Assert.Contains(plans, plan => OwnerOnlyIndexCondition().IsMatch(plan.Plan));
    }

    /// <summary>
    /// Creates and looks up <see cref="Orders"/> orders of one owner through the app's store, one after
    /// another (so on one pooled connection), then explains every prepared statement that reads an order
    /// by its reference, on that connection, with the statement's own parameter types.
    /// </summary>
    private async Task<IReadOnlyList<(string Statement, string Plan)>> PlansAfterCreatesAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        // Given a new database, migrated by the app, whose order tables autovacuum leaves alone,
        var factory = StartFactory(settings);
        var store = StoreOf(factory);
        var orders = factory.Services.GetRequiredService<OrderFactory>();
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var admin = new NpgsqlConnection(Database.ConnectionString))
        {
            await admin.ExecuteAsync("""
                ALTER TABLE orders SET (autovacuum_enabled = false);
                ALTER TABLE order_lines SET (autovacuum_enabled = false);
                """);
        }

        // when one owner's orders are created and looked up, one after another,
        const string owner = "new-shop";
        for (var i = 0; i < Orders; i++)
        {
            var order = orders.Create(owner, new OrderDraft(
                OrderRequests.NewReference(), "EUR", new Customer("ada@example.com", null), null,
                [new OrderLineDraft("SKU-1", 2, 100), new OrderLineDraft("SKU-2", 1, 50)]));
            Assert.IsType<CreateOrderResult.Created>(await store.CreateAsync(order, Ct));
            Assert.NotNull(await store.FindAsync(owner, order.ClientReference, Ct));
        }

        // then (once the app's ANALYZE, which runs in the background, has had its chance: bounded)
        // the plans each prepared read would run next.
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        if (settings is null)
        {
            for (var poll = 0; poll < 100 && await connection.QuerySingleAsync<bool>(
                     "SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid IN ('orders'::regclass, 'order_lines'::regclass) AND reltuples < 0)"); poll++)
            {
                await Task.Delay(100, Ct);
            }
        }
        var prepared = (await connection.QueryAsync<(string Name, string Statement, string[] Types, long GenericPlans)>(
            """
            SELECT name, statement, parameter_types::text[], generic_plans FROM pg_prepared_statements
            WHERE statement LIKE '%client_reference = $%'
            """)).ToList();
        // The create's two reads and the lookup's two: made generic, so this is the plan they keep.
        Assert.True(prepared.Count >= 4, $"the store's reads by reference are not prepared on its connection: {prepared.Count}");
        Assert.All(prepared, p => Assert.True(p.GenericPlans > 0, $"never planned generically: {p.Statement}"));
        var plans = new List<(string, string)>();
        foreach (var p in prepared)
        {
            var arguments = string.Join(", ", p.Types.Select(type => type == "uuid" ? $"'{Guid.NewGuid()}'" : $"'{owner}'"));
            var plan = string.Join('\n', await connection.QueryAsync<string>($"EXPLAIN EXECUTE {p.Name}({arguments})"));
            plans.Add((p.Statement, plan));
        }
        return plans;
    }

    // An index scan bounded by the owner alone: it reads every order (or line) of the owner.
    [GeneratedRegex(@"Index Cond: \(\(owner_id\)::text = (\$\d+|'[^']*'::text)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex OwnerOnlyIndexCondition();
}
