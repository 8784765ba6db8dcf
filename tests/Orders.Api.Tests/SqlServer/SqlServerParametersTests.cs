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
        CancelledAt: null, CancellationReason: null,
        FulfilledAt: null, Carrier: null, TrackingNumber: null);

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
        ["IfOrderId"] = SqlDbType.UniqueIdentifier,
        ["IfVersion"] = SqlDbType.BigInt,
        ["ChangeId"] = SqlDbType.UniqueIdentifier,
        ["CancelledAt"] = SqlDbType.DateTime2,
        ["Reason"] = SqlDbType.NVarChar,
        ["FulfilledAt"] = SqlDbType.DateTime2,
        ["Carrier"] = SqlDbType.NVarChar,
        ["TrackingNumber"] = SqlDbType.NVarChar,
        ["Name"] = SqlDbType.NVarChar,
        ["Phone"] = SqlDbType.NVarChar,
        ["Line1"] = SqlDbType.NVarChar,
        ["Line2"] = SqlDbType.NVarChar,
        ["City"] = SqlDbType.NVarChar,
        ["PostalCode"] = SqlDbType.NVarChar,
        ["Country"] = SqlDbType.NVarChar,
        ["SetName"] = SqlDbType.Int,
        ["SetPhone"] = SqlDbType.Int,
        ["SetLine1"] = SqlDbType.Int,
        ["SetLine2"] = SqlDbType.Int,
        ["SetCity"] = SqlDbType.Int,
        ["SetPostalCode"] = SqlDbType.Int,
        ["SetCountry"] = SqlDbType.Int,
        ["RemoveAddress"] = SqlDbType.Int,
        ["NeedsStoredAddress"] = SqlDbType.Int,
        ["PayloadRest"] = SqlDbType.NVarChar,
    };

    // A cancel without If-Match or reason, and a change that sets some members and not others: the
    // nulls must be sent with their columns' types as well.
    private static readonly OrderCancellation SampleCancellation = new(
        Sample.Owner, Sample.ClientReference, Reason: null, Sample.CreatedAt, IfMatch: null, Guid.CreateVersion7());

    private static readonly OrderFulfilment SampleFulfilment = new(
        Sample.Owner, Sample.ClientReference, Carrier: "DHL", TrackingNumber: null, Sample.CreatedAt, IfMatch: null, Guid.CreateVersion7());

    private static readonly OrderChange SampleChange = new(
        Sample.Owner, Sample.ClientReference,
        new OrderPatch(new(true, "Ada"), new(true, null), false, default, default, new(true, "Bath"), default, default),
        Sample.CreatedAt, new OrderVersion(Sample.OrderId, 1), Guid.CreateVersion7());

    private static readonly TransitionEvent SampleTransitionEvent = new(
        SampleCancellation.ChangeId, OrderEventTypes.Cancelled, ",\"reason\":null}", Sample.CreatedAt, null, null);

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

    [Fact]
    public void Transitions_SendTheReferenceAsVarchar100_NullsTyped_AndThePayloadAsNVarCharMax()
    {
        var cancel = Bind("SqlServerEventSql.CancelOrderAndEvent");
        var change = Bind("SqlServerEventSql.ChangeOrderAndEvent");

        Assert.Equal(SqlServerParameters.ClientReferenceLength, cancel["ClientReference"].Size);
        // No If-Match, no reason: null, and still the columns' types (one plan with and without).
        Assert.Equal(DBNull.Value, cancel["IfOrderId"].Value);
        Assert.Equal(DBNull.Value, cancel["IfVersion"].Value);
        Assert.Equal(DBNull.Value, cancel["Reason"].Value);
        Assert.Equal(SampleCancellation.CancelledAt, cancel["CancelledAt"].Value);
        Assert.Equal(-1, cancel["PayloadRest"].Size);
        Assert.Equal((Sample.OrderId, 1L), ((Guid)change["IfOrderId"].Value, (long)change["IfVersion"].Value));
        // Set to null (phone), set (name, city), left alone (line 1): the flags say which.
        Assert.Equal((1, DBNull.Value), (change["SetPhone"].Value, change["Phone"].Value));
        Assert.Equal((1, "Ada"), (change["SetName"].Value, change["Name"].Value));
        Assert.Equal((0, DBNull.Value), (change["SetLine1"].Value, change["Line1"].Value));
        Assert.Equal(4000, change["Name"].Size);
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
        "SqlServerSql.CancelOrder" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleCancellation), null),
        "SqlServerSql.ChangeOrder" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleChange), null),
        "SqlServerEventSql.CancelOrderAndEvent" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleCancellation), SampleTransitionEvent),
        "SqlServerEventSql.ChangeOrderAndEvent" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleChange), SampleTransitionEvent),
        "SqlServerSql.FulfilOrder" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleFulfilment), null),
        "SqlServerEventSql.FulfilOrderAndEvent" => SqlServerTransitionParameters.Of(TransitionParameters.Of(SampleFulfilment), SampleTransitionEvent),
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
