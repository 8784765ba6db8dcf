using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.SqlClient.Server;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Orders.Api.Model;
using Orders.Api.Storage;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// What the store binds to each statement, checked without a server: Dapper fills real SqlParameters
/// that are never sent. Every @variable a statement uses is bound, nothing else is, and the types
/// are the columns' own (datetime2, not datetime; varchar for the reference; the table types).
/// </summary>
public sealed class SqlServerParametersTests
{
    private static readonly Order Sample = new(
        Guid.CreateVersion7(), "default", "ref-1", Order.PlacedStatus, "EUR", new Customer("ada@example.com", null, null), null,
        [new OrderLine(1, "SKU-1", 2, 1999, 3998), new OrderLine(2, "SKU-2", 1, 500, 500)], 4498,
        new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560), Order.FirstVersion,
        CancelledAt: null, CancellationReason: null);

    private static readonly OrderEvent SampleEvent = new(
        Guid.CreateVersion7(), Sample.Owner, Sample.OrderId, OrderEventTypes.Placed, "{}", Sample.CreatedAt,
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);

    private static readonly Dictionary<string, SqlDbType> ExpectedTypes = new(StringComparer.Ordinal)
    {
        ["OrderId"] = SqlDbType.UniqueIdentifier,
        ["AfterOrderId"] = SqlDbType.UniqueIdentifier,
        ["CreatedAt"] = SqlDbType.DateTime2,
        ["AfterCreatedAt"] = SqlDbType.DateTime2,
        ["ClientReference"] = SqlDbType.VarChar,
        ["Owner"] = SqlDbType.NVarChar,
        ["Total"] = SqlDbType.BigInt,
        ["Version"] = SqlDbType.BigInt,
        ["Limit"] = SqlDbType.Int,
        ["Lines"] = SqlDbType.Structured,
        ["OrderIds"] = SqlDbType.Structured,
        ["EventId"] = SqlDbType.UniqueIdentifier,
        ["EventType"] = SqlDbType.VarChar,
        ["Payload"] = SqlDbType.NVarChar,
        ["OccurredAt"] = SqlDbType.DateTime2,
        ["TraceParent"] = SqlDbType.VarChar,
        ["TraceState"] = SqlDbType.VarChar,
        ["PublishedAt"] = SqlDbType.DateTime2,
        ["Cutoff"] = SqlDbType.DateTime2,
        ["Max"] = SqlDbType.Int,
    };

    public static TheoryData<string> Constants() => new(SqlServerStatements.ConstantNames);

    [Theory]
    [MemberData(nameof(Constants))]
    public void Statement_IsBoundExactlyTheParametersItUses_WithTheColumnsTypes(string name)
    {
        var bound = Bind(name);

        Assert.Equal(Variables(name).Order(StringComparer.Ordinal), bound.Keys.Order(StringComparer.Ordinal));
        Assert.All(bound.Where(p => ExpectedTypes.ContainsKey(p.Key)), p => Assert.Equal(ExpectedTypes[p.Key], p.Value.SqlDbType));
    }

    [Fact]
    public void InsertOrder_SendsTheReferenceAsVarchar100_AndTheLinesAsTheTableType()
    {
        var bound = Bind("SqlServerSql.InsertOrder");

        Assert.Equal(SqlServerParameters.ClientReferenceLength, bound["ClientReference"].Size);
        Assert.Equal(Sample.CreatedAt, bound["CreatedAt"].Value);
        Assert.Equal(SqlServerParameters.OrderLineListType, bound["Lines"].TypeName);
        var rows = Assert.IsType<IEnumerable<SqlDataRecord>>(bound["Lines"].Value, exactMatch: false).ToList();
        Assert.Equal([(1, "SKU-1", 2, 1999L, 3998L), (2, "SKU-2", 1, 500L, 500L)],
            rows.Select(r => (r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4))));
    }

    [Theory]
    [InlineData("ref-1", true)]
    [InlineData("ā-looks-like-a", false)] // best fit into varchar would make it "a-looks-like-a"
    [InlineData("r", true)]
    public void FitsClientReference_OnlyForValuesTheVarcharColumnKeepsUnchanged(string reference, bool fits) =>
        Assert.Equal(fits, SqlServerParameters.FitsClientReference(reference));

    [Fact]
    public void FitsClientReference_RejectsMoreThan100Characters() =>
        Assert.False(SqlServerParameters.FitsClientReference(new string('r', 101)));

    private static object ParametersFor(string name) => name switch
    {
        "SqlServerSql.InsertOrder" => SqlServerParameters.InsertOrder(Sample),
        "SqlServerSql.FindOrder" => SqlServerParameters.FindOrder(Sample.Owner, Sample.ClientReference),
        "SqlServerSql.FindOrderVersion" => SqlServerParameters.FindOrder(Sample.Owner, Sample.ClientReference),
        "SqlServerSql.ListFirstPage" => SqlServerParameters.List(Sample.Owner, null, 10),
        "SqlServerSql.ListAfter" => SqlServerParameters.List(Sample.Owner, new OrderPosition(Sample.CreatedAt, Sample.OrderId), 10),
        "SqlServerSql.LinesOfOrders" => SqlServerParameters.LinesOfOrders(Sample.Owner, [Sample.OrderId]),
        "SqlServerSql.TakeMigrationLock" => SqlServerParameters.TakeMigrationLock("test", TimeSpan.FromSeconds(1)),
        "SqlServerSql.ReleaseMigrationLock" => SqlServerParameters.ReleaseMigrationLock("test"),
        "SqlServerEventSql.InsertOrderAndEvent" => SqlServerEventOutbox.WithEvent(SqlServerParameters.InsertOrder(Sample), SampleEvent),
        "SqlServerEventSql.ClaimPending" => SqlServerEventOutbox.ClaimParameters(100),
        "SqlServerEventSql.MarkPublished" => SqlServerEventOutbox.MarkPublishedParameters(Sample.CreatedAt, SampleEvent),
        "SqlServerEventSql.Backlog" => new { },
        "SqlServerEventSql.DeletePublishedBefore" => SqlServerEventOutbox.DeleteParameters(Sample.CreatedAt, 1000),
        _ => throw new InvalidOperationException($"{name} is new: say here which SqlServerParameters method binds it."),
    };

    private static Dictionary<string, SqlParameter> Bind(string name)
    {
        using var connection = new UnsentConnection();
        connection.Execute(SqlServerStatements.Text(name), ParametersFor(name));
        return connection.Sent.ToDictionary(p => p.ParameterName.TrimStart('@'), StringComparer.Ordinal);
    }

    private static HashSet<string> Variables(string name)
    {
        var collector = new VariableCollector();
        SqlServerStatements.Parse(name).Accept(collector);
        collector.Used.ExceptWith(collector.Declared);
        return collector.Used;
    }

    /// <summary>Variables a statement reads, less those it declares itself and procedures' parameter names.</summary>
    private sealed class VariableCollector : TSqlFragmentVisitor
    {
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

        public override void Visit(VariableReference node) => Used.Add(node.Name.TrimStart('@'));

        public override void Visit(DeclareVariableElement node) => Declared.Add(node.VariableName.Value.TrimStart('@'));

        // In "EXEC p @Resource = @Resource" only the value is ours; the left side names p's parameter.
        public override void ExplicitVisit(ExecuteParameter node) => node.ParameterValue?.Accept(this);
    }
}
