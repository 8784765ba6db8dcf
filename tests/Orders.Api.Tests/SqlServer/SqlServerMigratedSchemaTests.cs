using Dapper;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.OpenApi;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// What the migrations leave on the engine itself, read from its catalog: the column sql/sqlserver/0003
/// adds to order_lines is the one its earlier version made with ALTER COLUMN (nvarchar(255), a binary
/// collation, NOT NULL, no default), every key leads with the owner, and free text fits its limit in
/// code points (0007).
/// </summary>
public sealed class SqlServerMigratedSchemaTests(SqlServerDatabase database) : ContractTestBase<SqlServerDatabase>(database)
{
    private sealed record ColumnRow(string Type, short MaxLength, string? Collation, bool IsNullable, int DefaultObjectId, int ColumnId, int LastColumnId);

    [Fact]
    public async Task OwnerIdOfLines_IsNVarChar255_Binary_NotNull_WithoutDefault_AndLast()
    {
        StartApi(); // migrates
        await using var connection = Database.OpenConnection();

        var column = await connection.QuerySingleAsync<ColumnRow>(
            """
            SELECT TYPE_NAME(c.user_type_id) AS Type, c.max_length AS MaxLength, c.collation_name AS Collation,
                   c.is_nullable AS IsNullable, c.default_object_id AS DefaultObjectId, c.column_id AS ColumnId,
                   (SELECT MAX(other.column_id) FROM sys.columns AS other WHERE other.object_id = c.object_id) AS LastColumnId
            FROM sys.columns AS c
            WHERE c.object_id = OBJECT_ID(N'dbo.order_lines') AND c.name = N'owner_id'
            """);

        Assert.Equal("nvarchar", column.Type);
        Assert.Equal(510, column.MaxLength); // bytes: 255 UTF-16 code units
        // Latin1_General_100_BIN2 on SQL Server; Babelfish reports its own name for it, bbf_unicode_bin2.
        Assert.EndsWith("BIN2", column.Collation, StringComparison.OrdinalIgnoreCase);
        Assert.False(column.IsNullable);
        Assert.Equal(column.LastColumnId, column.ColumnId);
        Assert.Equal(Database.Engine.DropsDefaultConstraints, column.DefaultObjectId == 0);
    }

    /// <summary>The column of each free-text field (<see cref="DeclaredFields.FreeText"/>) in dbo.orders.</summary>
    private static readonly Dictionary<string, string> FreeTextColumns = new()
    {
        ["customer.name"] = "customer_name",
        ["shippingAddress.line1"] = "ship_line1",
        ["shippingAddress.line2"] = "ship_line2",
        ["shippingAddress.city"] = "ship_city",
        ["shippingAddress.postalCode"] = "ship_postal_code",
    };

    [Fact]
    public async Task EveryFreeTextColumn_HoldsTwiceItsLimitInUtf16CodeUnits_SoAnyTextOfThatManyCodePointsFits()
    {
        StartApi();
        await using var connection = Database.OpenConnection();
        var fields = DeclaredFields.FreeText().ToList();
        Assert.Equal(fields.Select(pair => pair.Path).Order(StringComparer.Ordinal), FreeTextColumns.Keys.Order(StringComparer.Ordinal));

        var bytes = (await connection.QueryAsync<(string Name, string Type, short MaxLength)>(
            """
            SELECT c.name AS Name, TYPE_NAME(c.user_type_id) AS Type, c.max_length AS MaxLength
            FROM sys.columns AS c
            WHERE c.object_id = OBJECT_ID(N'dbo.orders')
            """)).ToDictionary(column => column.Name, column => (column.Type, (int)column.MaxLength));

        // A code point is at most two UTF-16 code units (sql/sqlserver/0007), each two bytes of nvarchar.
        Assert.All(fields, pair => Assert.Equal(("nvarchar", (int)pair.Field.Max * 2 * 2), bytes[FreeTextColumns[pair.Path]]));
    }

    [Fact]
    public async Task EveryKeyOfOrdersAndLines_LeadsWithTheOwner()
    {
        StartApi();
        await using var connection = Database.OpenConnection();

        // The backing index is found by the constraint's name, which SQL Server gives it: Babelfish's
        // sys.key_constraints.unique_index_id holds an id of its own that sys.indexes does not know.
        var leading = (await connection.QueryAsync<string>(
            """
            SELECT k.name + N' ' + c.name
            FROM sys.key_constraints AS k
            JOIN sys.indexes AS i ON i.object_id = k.parent_object_id AND i.name = k.name
            JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal = 1
            JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE k.parent_object_id IN (OBJECT_ID(N'dbo.orders'), OBJECT_ID(N'dbo.order_lines'))
            """)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["pk_order_lines owner_id", "pk_orders owner_id", "uq_orders_owner_client_reference owner_id"], leading);
    }
}
