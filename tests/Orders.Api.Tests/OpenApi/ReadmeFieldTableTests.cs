using System.Globalization;
using System.Text;
using Orders.Api.Rules;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// The README's table of request rules is written from the field declarations
/// (<see cref="OrderRequestFields"/>), as openapi.yaml is: a rule changed there and not here fails.
/// </summary>
public sealed class ReadmeFieldTableTests
{
    private const string Start = "<!-- request-fields: written from OrderRequestFields, ReadmeFieldTableTests keeps it equal -->";
    private const string End = "<!-- /request-fields -->";

    [Fact]
    public void ReadmeRequestTable_IsTheOneTheDeclarationsWrite()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no section between '{Start}' and '{End}'");
        var committed = readme[(start + Start.Length)..end].Trim('\n');

        var expected = Table();

        Assert.True(committed == expected, $"README.md's request table is out of date; replace it with:\n{expected}");
    }

    private static string Table()
    {
        var table = new StringBuilder("| field | JSON type | required | rule |\n|---|---|---|---|\n");
        foreach (var (path, field) in DeclaredFields.Walk(OrderRequestFields.Order))
        {
            table.Append(CultureInfo.InvariantCulture, $"| `{path}` | {TypeOf(field)} | {(field.Required ? "yes" : "no")} | {RuleOf(field)} |\n");
        }
        return table.ToString().TrimEnd('\n');
    }

    private static string TypeOf(RequestField field) => field.Kind switch
    {
        FieldKind.Text => "string",
        FieldKind.WholeNumber => "integer",
        FieldKind.Record => "object",
        _ => "array of objects",
    };

    private static string RuleOf(RequestField field) => field.Kind switch
    {
        FieldKind.Text when field.PatternHoldsLength => Words(field.Message),
        FieldKind.Text when field.Pattern is not null => $"{field.Min}–{field.Max} characters; {Words(field.Message)}",
        FieldKind.Text => $"{field.Min}–{field.Max} characters of free text",
        FieldKind.Record => "the fields below",
        _ => Words(field.Message),
    };

    private static string Words(string message) =>
        message.Replace("must be ", "", StringComparison.Ordinal).Replace("must hold ", "", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
