using Microsoft.Data.SqlClient.Server;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Orders.Api.Storage.SqlServer;
using SqlDbType = System.Data.SqlDbType;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Rules the store's correctness rests on, read from the parsed T-SQL rather than from strings, so
/// they hold without a server: a failed insert rolls back at once, reads take the default locks,
/// and the table types match the rows the store streams into them.
/// </summary>
public sealed class TSqlShapeTests
{
    public static TheoryData<string> Statements() => new(SqlServerStatements.Names);

    [Theory]
    [InlineData("SqlServerSql.InsertOrder")]
    [InlineData("SqlServerEventSql.InsertOrderAndEvent")]
    [InlineData("SqlServerSql.CancelOrder")]
    [InlineData("SqlServerSql.ChangeOrder")]
    [InlineData("SqlServerEventSql.CancelOrderAndEvent")]
    [InlineData("SqlServerEventSql.ChangeOrderAndEvent")]
    [InlineData("SqlServerSql.FulfilOrder")]
    [InlineData("SqlServerEventSql.FulfilOrderAndEvent")]
    public void InsertOrder_TurnsXactAbortOn_BeforeAnythingElse(string name)
    {
        var batch = (TSqlScript)SqlServerStatements.Parse(name);

        var first = Assert.IsType<PredicateSetStatement>(batch.Batches.Single().Statements[0]);
        Assert.True(first.IsOn);
        Assert.True(first.Options.HasFlag(SetOptions.XactAbort));
    }

    [Theory]
    [InlineData("SqlServerSql.CancelOrder", false)]
    [InlineData("SqlServerSql.ChangeOrder", false)]
    [InlineData("SqlServerEventSql.CancelOrderAndEvent", true)]
    [InlineData("SqlServerEventSql.ChangeOrderAndEvent", true)]
    [InlineData("SqlServerSql.FulfilOrder", false)]
    [InlineData("SqlServerEventSql.FulfilOrderAndEvent", true)]
    public void Transition_UpdatesThenWritesItsEvent_ThenReadsBack_BeforeItCommits(string name, bool withEvent)
    {
        // Read inside the transaction: while this request's update holds the row's exclusive lock, no
        // concurrent change can come between the write and the read that says who applied it.
        var batch = (TSqlScript)SqlServerStatements.Parse(name);

        var tryBlock = Assert.Single(batch.Batches.Single().Statements.OfType<TryCatchStatement>());
        var kinds = tryBlock.TryStatements.Statements.Select(statement => statement.GetType().Name).ToList();

        string[] expected =
        [
            nameof(BeginTransactionStatement), nameof(UpdateStatement), .. withEvent ? [nameof(InsertStatement)] : Array.Empty<string>(),
            nameof(SelectStatement), nameof(SelectStatement), nameof(SelectStatement), nameof(CommitTransactionStatement),
        ];
        Assert.Equal(expected, kinds);
        Assert.IsType<ThrowStatement>(tryBlock.CatchStatements.Statements[^1]);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_UsesNoTableHintsAndNoSnapshotIsolation(string name)
    {
        // NOLOCK or READPAST could answer 409 before the winner commits, or miss it; SNAPSHOT could
        // read as of before the conflict. The design needs READ COMMITTED's plain locking reads.
        // The one exception is the outbox relay's claim, whose hints are its design (next test).
        var rules = new RuleCollector();

        SqlServerStatements.Parse(name).Accept(rules);

        if (name != OutboxClaim)
        {
            Assert.Empty(rules.TableHints);
        }
        Assert.DoesNotContain(IsolationLevel.Snapshot, rules.IsolationLevels);
    }

    [Fact]
    public void OutboxClaim_IsAnUpdate_SoItsRowsStayLockedUntilTheRoundEnds_WhateverTheEngineDoesWithHints()
    {
        // A SELECT's UPDLOCK is only a hint, and an engine may ignore it (Babelfish does): two relays
        // would then read the same rows. An UPDATE's exclusive row locks are no hint on any engine.
        var batch = (TSqlScript)SqlServerStatements.Parse(OutboxClaim);

        var statements = batch.Batches.Single().Statements;
        Assert.IsType<PredicateSetStatement>(statements[0]);
        var update = Assert.IsType<UpdateStatement>(Assert.Single(statements.Skip(1)));
        Assert.NotNull(update.UpdateSpecification.OutputClause);
    }

    [Fact]
    public void OutboxClaim_SkipsRowsOtherRelaysHold_AndHoldsItsOwnByRow()
    {
        // READPAST: a competing relay takes the next pending rows instead of waiting; UPDLOCK: the
        // rows it chooses are held from the moment they are read; ROWLOCK: never a page lock, which
        // would make the others skip unclaimed rows on that page. Both reads of the table say so.
        var rules = new RuleCollector();

        SqlServerStatements.Parse(OutboxClaim).Accept(rules);

        Assert.Equal(new[] { TableHintKind.ReadPast, TableHintKind.Rowlock, TableHintKind.ReadPast, TableHintKind.UpdLock, TableHintKind.Rowlock }.Order(),
            rules.TableHints.Select(hint => hint.HintKind).Order());
    }

    private const string OutboxClaim = "SqlServerEventSql.ClaimPending";

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_NamesEveryTableAndTypeWithItsSchema(string name)
    {
        // Schema-qualified names resolve without a per-user lookup and share one cached plan.
        var rules = new RuleCollector();

        SqlServerStatements.Parse(name).Accept(rules);

        Assert.All(rules.ObjectNames, objectName => Assert.NotNull(objectName.SchemaIdentifier));
    }

    [Theory]
    [InlineData(SqlServerParameters.OrderLineListType)]
    [InlineData(SqlServerParameters.OrderIdListType)]
    public void TableType_MatchesTheRecordsTheStoreSends(string typeName)
    {
        var expected = typeName == SqlServerParameters.OrderLineListType ? SqlServerParameters.OrderLineColumns : SqlServerParameters.OrderIdColumns;
        var rules = new RuleCollector();
        SqlServerStatements.Parse("sql/sqlserver/0002_create_table_types.sql").Accept(rules);

        var type = Assert.Single(rules.TableTypes, t => $"{t.Name.SchemaIdentifier.Value}.{t.Name.BaseIdentifier.Value}" == typeName);

        var actual = type.Definition.ColumnDefinitions.Select(column => Describe(column)).ToList();
        Assert.Equal(expected.Select(Describe), actual);
    }

    private static string Describe(SqlMetaData column) =>
        $"{column.Name} {column.SqlDbType.ToString().ToUpperInvariant()}{(column.SqlDbType == SqlDbType.NVarChar ? $"({column.MaxLength})" : "")}";

    private static string Describe(ColumnDefinition column)
    {
        var type = (SqlDataTypeReference)column.DataType;
        var length = type.Parameters.Count > 0 ? $"({type.Parameters[0].Value})" : "";
        return $"{column.ColumnIdentifier.Value} {type.SqlDataTypeOption.ToString().ToUpperInvariant()}{length}";
    }

    /// <summary>Collects what the rules above inspect.</summary>
    private sealed class RuleCollector : TSqlFragmentVisitor
    {
        public List<TableHint> TableHints { get; } = [];

        public List<IsolationLevel> IsolationLevels { get; } = [];

        public List<SchemaObjectName> ObjectNames { get; } = [];

        public List<CreateTypeTableStatement> TableTypes { get; } = [];

        public override void Visit(TableHint node) => TableHints.Add(node);

        public override void Visit(SetTransactionIsolationLevelStatement node) => IsolationLevels.Add(node.Level);

        public override void Visit(NamedTableReference node) => ObjectNames.Add(node.SchemaObject);

        public override void Visit(CreateTableStatement node) => ObjectNames.Add(node.SchemaObjectName);

        public override void Visit(CreateIndexStatement node) => ObjectNames.Add(node.OnName);

        public override void Visit(ForeignKeyConstraintDefinition node) => ObjectNames.Add(node.ReferenceTableName);

        public override void Visit(ProcedureReference node) => ObjectNames.Add(node.Name);

        public override void Visit(CreateTypeTableStatement node)
        {
            ObjectNames.Add(node.Name);
            TableTypes.Add(node);
        }
    }
}
