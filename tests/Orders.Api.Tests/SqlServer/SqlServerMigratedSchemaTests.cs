using Dapper;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// What the migrations leave on the engine itself, read from its catalog: the column sql/sqlserver/0003
/// adds to order_lines is the one its earlier version made with ALTER COLUMN (nvarchar(255), a binary
/// collation, NOT NULL, no default), and every key leads with the owner.
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
