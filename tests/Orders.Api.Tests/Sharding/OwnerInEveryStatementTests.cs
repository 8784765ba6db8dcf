using System.Reflection;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Storage.Sqlite;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Tests.Sharding;

/// <summary>
/// Every statement the three stores send names the owner on every table it touches, so on a
/// cluster sharded by owner (Citus) each goes to one shard, and the stores stay one shape. Found by
/// reflection over the const strings of each store's SQL class, so no new statement escapes.
/// </summary>
public sealed class OwnerInEveryStatementTests
{
    private static readonly Type[] SqlClasses =
    [
        typeof(PostgreSqlSql), typeof(SqliteSql), typeof(SqlServerSql),
        typeof(PostgreSqlEventSql), typeof(SqliteEventSql), typeof(SqlServerEventSql),
    ];

    /// <summary>
    /// The outbox relay's own sweeps, the only statements that span owners on purpose: they run in
    /// the background (never on a request), read or delete only order_events, and on Citus become
    /// multi-shard statements (the locking claim goes owner by owner there: ClaimPendingOfOwner).
    /// </summary>
    private static readonly HashSet<string> RelaySweeps = new(StringComparer.Ordinal)
    {
        "PostgreSqlEventSql.ClaimPending", "PostgreSqlEventSql.PendingOwners", "PostgreSqlEventSql.Backlog",
        "PostgreSqlEventSql.DeletePublishedBefore",
        "SqliteEventSql.PendingBatch", "SqliteEventSql.Backlog", "SqliteEventSql.DeletePublishedBefore",
        "SqlServerEventSql.ClaimPending", "SqlServerEventSql.Backlog", "SqlServerEventSql.DeletePublishedBefore",
    };

    public static TheoryData<string> Statements() =>
        new(StoreStatements().Keys.Where(name => !RelaySweeps.Contains(name)).Order(StringComparer.Ordinal));

    public static TheoryData<string> Sweeps() => new(RelaySweeps.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Statements))]
    public void StoreStatement_FiltersOrJoinsEveryOrdersTableOnTheOwner(string name)
    {
        var problems = OwnerPredicates.Problems(StoreStatements()[name]);

        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}");
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void RelaySweep_SpansOwnersOnlyInTheOutbox_NeverInTheOrders(string name)
    {
        // A listed name must exist and really span owners, so the list cannot hide a new statement.
        var sql = StoreStatements()[name];
        Assert.NotEmpty(OwnerPredicates.Problems(sql));
        Assert.DoesNotMatch(@"(?i)\b(FROM|JOIN|INTO|UPDATE)\s+(dbo\.)?(orders|order_lines)\b", sql);
    }

    [Fact]
    public void Enumeration_FindsEveryStoresStatements()
    {
        // Guards the theory against passing on an empty list: 6 + 6 + 5 order statements and 8 + 5 + 5 outbox statements today.
        var names = StoreStatements().Keys.ToList();

        foreach (var sqlClass in SqlClasses)
        {
            Assert.True(names.Count(n => n.StartsWith(sqlClass.Name + ".", StringComparison.Ordinal)) >= 5, string.Join(", ", names));
        }
        Assert.Contains("PostgreSqlSql.InsertOrderLines", names);
        Assert.Contains("SqlServerSql.LinesOfOrders", names);
        Assert.Contains("PostgreSqlEventSql.InsertEvent", names);
        Assert.Contains("SqlServerEventSql.InsertOrderAndEvent", names);
    }

    [Theory]
    [InlineData("SELECT l.sku FROM order_lines l JOIN orders o ON o.order_id = l.order_id WHERE o.owner_id = @Owner")]
    [InlineData("SELECT l.sku FROM order_lines l WHERE l.order_id = ANY(@OrderIds)")]
    [InlineData("SELECT l.sku FROM @OrderIds AS page JOIN dbo.order_lines AS l ON l.order_id = page.order_id")]
    [InlineData("INSERT INTO order_lines (order_id, line_number) VALUES (@OrderId, @LineNumber)")]
    [InlineData("SELECT o.total FROM orders o WHERE o.order_id = @OrderId")]
    [InlineData("INSERT INTO order_events (event_id, order_id) VALUES (@EventId, @OrderId)")]
    [InlineData("UPDATE order_events SET published_at = @At WHERE event_id = @EventId")]
    public void Check_FlagsTheStatementsOfTheSchemaBeforeOwnerLedKeys(string statement) =>
        Assert.NotEmpty(OwnerPredicates.Problems(statement));

    private static Dictionary<string, string> StoreStatements() =>
        SqlClasses
            .SelectMany(sqlClass => sqlClass.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(field => field.IsLiteral && field.FieldType == typeof(string))
                .Select(field => (Name: $"{sqlClass.Name}.{field.Name}", Sql: (string)field.GetRawConstantValue()!)))
            // Statements that touch no order table (SQL Server's migration lock) have no owner to name.
            .Where(statement => OwnerPredicates.ReferencesOrderTables(statement.Sql))
            .ToDictionary(statement => statement.Name, statement => statement.Sql, StringComparer.Ordinal);
}
