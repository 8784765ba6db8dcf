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
    private static readonly Type[] SqlClasses = [typeof(PostgreSqlSql), typeof(SqliteSql), typeof(SqlServerSql)];

    public static TheoryData<string> Statements() => new(StoreStatements().Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Statements))]
    public void StoreStatement_FiltersOrJoinsEveryOrdersTableOnTheOwner(string name)
    {
        var problems = OwnerPredicates.Problems(StoreStatements()[name]);

        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void Enumeration_FindsEveryStoresStatements()
    {
        // Guards the theory against passing on an empty list: 6 + 6 + 5 store statements today.
        var names = StoreStatements().Keys.ToList();

        foreach (var sqlClass in SqlClasses)
        {
            Assert.True(names.Count(n => n.StartsWith(sqlClass.Name + ".", StringComparison.Ordinal)) >= 5, string.Join(", ", names));
        }
        Assert.Contains("PostgreSqlSql.InsertOrderLines", names);
        Assert.Contains("SqlServerSql.LinesOfOrders", names);
    }

    [Theory]
    [InlineData("SELECT l.sku FROM order_lines l JOIN orders o ON o.order_id = l.order_id WHERE o.owner_id = @Owner")]
    [InlineData("SELECT l.sku FROM order_lines l WHERE l.order_id = ANY(@OrderIds)")]
    [InlineData("SELECT l.sku FROM @OrderIds AS page JOIN dbo.order_lines AS l ON l.order_id = page.order_id")]
    [InlineData("INSERT INTO order_lines (order_id, line_number) VALUES (@OrderId, @LineNumber)")]
    [InlineData("SELECT o.total FROM orders o WHERE o.order_id = @OrderId")]
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
