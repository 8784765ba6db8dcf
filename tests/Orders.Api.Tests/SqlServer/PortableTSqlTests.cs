using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// The schema scripts avoid T-SQL that other TDS engines (Babelfish for Aurora PostgreSQL) refuse,
/// where SQL Server's result is the same: never by weakening what SQL Server gets.
/// </summary>
public sealed class PortableTSqlTests
{
    public static TheoryData<string> Scripts() =>
        new(SqlServerStatements.Names.Where(name => name.StartsWith(SqlServerStatements.ScriptPrefix, StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_DeclaresNoIndexInsideCreateTable(string script)
    {
        // Babelfish: "'INLINE INDEX' is not currently supported". A CREATE INDEX after the table is.
        var tables = new TablesAndIndexes();

        SqlServerStatements.Parse(script).Accept(tables);

        Assert.All(tables.Tables, table => Assert.Empty(table.Definition.Indexes));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_AddsOneColumnPerAlterTable(string script)
    {
        // Babelfish 4.4 refuses T-SQL's list form (ALTER TABLE t ADD a int NULL, b int NULL) with a
        // syntax error at the second column; one ADD per column is the same change on SQL Server.
        var tables = new TablesAndIndexes();

        SqlServerStatements.Parse(script).Accept(tables);

        Assert.All(tables.AddStatements, add => Assert.True(add.Definition.ColumnDefinitions.Count <= 1,
            $"{Describe(add.SchemaObjectName)} adds {add.Definition.ColumnDefinitions.Count} columns in one ALTER TABLE"));
    }

    [Fact]
    public void Orders_IsClusteredOnOrderSeq_ExactlyAsTheInlineIndexItReplaced()
    {
        // The inline declaration 0001 had before; databases migrated then have this index.
        const string Before = "CREATE TABLE dbo.orders (order_seq bigint IDENTITY(1, 1) NOT NULL, INDEX cx_orders UNIQUE CLUSTERED (order_seq));";
        var inline = Parsed(Before).Tables.Single().Definition.Indexes.Single();
        var script = new TablesAndIndexes();
        SqlServerStatements.Parse("sql/sqlserver/0001_create_orders.sql").Accept(script);

        var separate = Assert.Single(script.Indexes, index => index.Name.Value == "cx_orders");

        Assert.Equal("dbo.orders", $"{separate.OnName.SchemaIdentifier.Value}.{separate.OnName.BaseIdentifier.Value}");
        Assert.Equal(Describe(inline), Describe(separate));
        // Its only clustered index: every key constraint declared in CREATE TABLE says NONCLUSTERED.
        var orders = script.Tables.Single(table => table.SchemaObjectName.BaseIdentifier.Value == "orders");
        Assert.All(orders.Definition.TableConstraints.OfType<UniqueConstraintDefinition>(), key => Assert.False(key.Clustered));
        Assert.Single(script.Indexes, index => index.OnName.BaseIdentifier.Value == "orders" && index.Clustered == true);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_AltersAColumnOnlyToALongerNVarChar_InItsCollation_StillNullable(string script)
    {
        // Babelfish: "'COLLATE in ALTER TABLE ALTER COLUMN' is not currently supported", and the same
        // of NOT NULL and of NULL; on SQL Server an ALTER COLUMN without COLLATE moves the column to
        // the database's default collation, and without NULL or NOT NULL makes it nullable. So a
        // script may alter only a column declared without COLLATE (it has that default already) and
        // nullable, name neither, and only lengthen its nvarchar (0007 widens free text to hold code points).
        var tables = new TablesAndIndexes();
        SqlServerStatements.Parse(script).Accept(tables);
        var declared = Declared(before: script);

        foreach (var altered in tables.AlteredColumns)
        {
            var name = $"{Describe(altered.SchemaObjectName)}.{altered.ColumnIdentifier.Value}";
            Assert.True(declared.TryGetValue(name, out var column), $"{name} is altered before any script declares it");
            Assert.True(altered.Collation is null && column.Collation is null, $"{name}: an altered column must have no COLLATE, in its declaration or in the ALTER");
            Assert.True(altered.AlterTableAlterColumnOption == AlterTableAlterColumnOption.NoOptionDefined && !IsNotNull(column), $"{name} must be nullable and altered without NULL or NOT NULL");
            Assert.True(Length(altered.DataType) >= Length(column.DataType), $"{name} may only grow: {Describe(column.DataType)} to {Describe(altered.DataType)}");
        }
    }

    /// <summary>Every column the scripts before <paramref name="before"/> create or add, by "schema.table.column".</summary>
    private static Dictionary<string, ColumnDefinition> Declared(string before)
    {
        var tables = new TablesAndIndexes();
        var earlier = SqlServerStatements.Names.Where(name => name.StartsWith(SqlServerStatements.ScriptPrefix, StringComparison.Ordinal) && string.CompareOrdinal(name, before) < 0);
        foreach (var script in earlier)
        {
            SqlServerStatements.Parse(script).Accept(tables);
        }
        return tables.DeclaredColumns.ToDictionary(pair => $"{Describe(pair.Table)}.{pair.Column.ColumnIdentifier.Value}", pair => pair.Column);
    }

    /// <summary>The length of an nvarchar; anything else fails the test, as no other type is ever altered.</summary>
    private static int Length(DataTypeReference type)
    {
        var sql = Assert.IsType<SqlDataTypeReference>(type);
        Assert.Equal(SqlDataTypeOption.NVarChar, sql.SqlDataTypeOption);
        return int.Parse(sql.Parameters.Single().Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(SchemaObjectName name) => $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}";

    [Fact]
    public void OwnerIdOfLines_IsTheColumnTheAlterColumnOfTheEarlier0003Made()
    {
        // The earlier 0003 added the column NULL and then made it this, which is what databases it
        // migrated have: type, collation, NOT NULL, no default, last in the table.
        const string Before = "ALTER TABLE dbo.order_lines ALTER COLUMN owner_id nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL;";
        var altered = Parsed(Before).AlteredColumns.Single();
        var script = new TablesAndIndexes();
        SqlServerStatements.Parse("sql/sqlserver/0003_keys_lead_with_owner.sql").Accept(script);

        var added = Assert.Single(script.AddedColumns, column => column.ColumnIdentifier.Value == "owner_id");

        Assert.Equal(AlterTableAlterColumnOption.NotNull, altered.AlterTableAlterColumnOption);
        Assert.Equal(
            $"{Describe(altered.DataType)} collate={altered.Collation.Value} not null",
            $"{Describe(added.DataType)} collate={added.Collation.Value}{(IsNotNull(added) ? " not null" : "")}");
        // Its default only bridges the rows that exist while it is added; that the script drops it
        // again is checked on the engine (SqlServerMigratedSchemaTests).
        Assert.NotNull(added.DefaultConstraint);
    }

    private static bool IsNotNull(ColumnDefinition column) =>
        column.Constraints.OfType<NullableConstraintDefinition>().Any(constraint => !constraint.Nullable);

    private static string Describe(DataTypeReference type) => type is SqlDataTypeReference sql
        ? $"{sql.SqlDataTypeOption}({string.Join(",", sql.Parameters.Select(p => p.Value))})"
        : type.GetType().Name;

    private static string Describe(IndexDefinition index) => Describe(
        index.Name.Value, index.Unique, index.IndexType?.IndexTypeKind == IndexTypeKind.Clustered, index.Columns,
        index.IndexOptions.Count, index.IncludeColumns.Count, index.FilterPredicate, index.OnFileGroupOrPartitionScheme);

    private static string Describe(CreateIndexStatement index) => Describe(
        index.Name.Value, index.Unique, index.Clustered == true, index.Columns,
        index.IndexOptions.Count, index.IncludeColumns.Count, index.FilterPredicate, index.OnFileGroupOrPartitionScheme);

    private static string Describe(string name, bool unique, bool clustered, IList<ColumnWithSortOrder> columns,
        int options, int included, BooleanExpression? filter, FileGroupOrPartitionScheme? storage) =>
        $"{name} unique={unique} clustered={clustered} " +
        $"columns=({string.Join(", ", columns.Select(column => $"{column.Column.MultiPartIdentifier.Identifiers.Last().Value} {column.SortOrder}"))}) " +
        $"options={options} include={included} filtered={filter is not null} on={storage?.Name?.Value ?? "default"}";

    private static TablesAndIndexes Parsed(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.Empty(errors);
        var found = new TablesAndIndexes();
        fragment.Accept(found);
        return found;
    }

    private sealed class TablesAndIndexes : TSqlFragmentVisitor
    {
        public List<CreateTableStatement> Tables { get; } = [];

        public List<CreateIndexStatement> Indexes { get; } = [];

        public List<AlterTableAlterColumnStatement> AlteredColumns { get; } = [];

        public List<ColumnDefinition> AddedColumns { get; } = [];

        public override void Visit(CreateIndexStatement node) => Indexes.Add(node);

        public override void Visit(AlterTableAlterColumnStatement node) => AlteredColumns.Add(node);

        /// <summary>Columns of CREATE TABLE and ALTER TABLE ... ADD, with their table.</summary>
        public List<(SchemaObjectName Table, ColumnDefinition Column)> DeclaredColumns { get; } = [];

        public override void Visit(CreateTableStatement node)
        {
            Tables.Add(node);
            DeclaredColumns.AddRange(node.Definition.ColumnDefinitions.Select(column => (node.SchemaObjectName, column)));
        }

        public List<AlterTableAddTableElementStatement> AddStatements { get; } = [];

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            AddStatements.Add(node);
            AddedColumns.AddRange(node.Definition.ColumnDefinitions);
            DeclaredColumns.AddRange(node.Definition.ColumnDefinitions.Select(column => (node.SchemaObjectName, column)));
        }
    }
}
