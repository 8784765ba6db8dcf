using System.Text.RegularExpressions;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// Dapper maps a row to a record's constructor by position, so the column lists, the row records and
/// the insert's values must name the same columns in the same order. Nothing else checks it until a
/// store reads a row.
/// </summary>
public sealed partial class OrderColumnsTests
{
    [Fact]
    public void HeaderSelect_AliasesEveryColumn_InTheOrderOfTheRowRecord()
    {
        var selected = Selected(OrderColumns.Header);

        Assert.Equal(ConstructorOf(typeof(OrderHeaderRow<Guid, DateTime, DateTime?>)), selected.Select(column => column.Alias));
        // SQLite's rows hold id and time as text, in the same record.
        Assert.Equal(ConstructorOf(typeof(OrderHeaderRow<string, string, string?>)), selected.Select(column => column.Alias));
    }

    [Fact]
    public void LineSelect_AliasesEveryColumn_InTheOrderOfTheRowRecord() =>
        Assert.Equal(ConstructorOf(typeof(OrderLineRow)), Selected(OrderColumns.Line).Select(column => column.Alias));

    [Fact]
    public void Insert_NamesTheSelectedColumns_EachWithTheParameterOfItsAlias()
    {
        // All but the cancel's and the fulfilment's own columns, which only they write (a placed order has none).
        var selected = Selected(OrderColumns.Header)
            .Where(column => column.Column is not ("cancelled_at" or "cancellation_reason" or "fulfilled_at" or "carrier" or "tracking_number")).ToList();
        var columns = List(OrderColumns.InsertHeaderColumns);
        var values = List(OrderColumns.InsertHeaderValues);

        Assert.Equal(selected.Select(column => column.Column), columns);
        Assert.Equal(selected.Select(column => "@" + column.Alias), values);
    }

    [Fact]
    public void HeaderValues_BindEveryInsertParameter_ButIdAndTime_InTheInsertsOrder()
    {
        var parameters = List(OrderColumns.InsertHeaderValues).Select(value => value.TrimStart('@')).ToList();

        Assert.Equal(OrderColumns.OrderIdParameter, parameters[0]);
        Assert.Equal(OrderColumns.CreatedAtParameter, parameters[^1]);
        Assert.Equal(parameters[1..^1], OrderColumns.HeaderValues.Select(value => value.Name));
    }

    private static IEnumerable<string> ConstructorOf(Type row) =>
        row.GetConstructors().Single(ctor => ctor.GetParameters().Length > 1).GetParameters().Select(parameter => parameter.Name!);

    private static List<(string Column, string Alias)> Selected(string list) =>
        [.. List(list).Select(item => SelectItem().Match(item)).Select(match =>
            match.Success ? (match.Groups["column"].Value, match.Groups["alias"].Value) : throw new InvalidOperationException($"not 'x.column AS Alias': {match.Value}"))];

    private static List<string> List(string list) => [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"\A[a-z]\.(?<column>[a-z0-9_]+) AS (?<alias>[A-Za-z0-9]+)\z")]
    private static partial Regex SelectItem();
}
