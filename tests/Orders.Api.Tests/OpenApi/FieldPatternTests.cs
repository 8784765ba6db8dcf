using System.Text.RegularExpressions;
using Orders.Api.Rules;
using Orders.Api.Tests.Events;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// The pattern the document gives a client and the regular expression the API checks with must
/// accept exactly the same strings: a client that validates with the document must never be
/// refused, nor an API accept what the document forbids.
/// </summary>
public sealed class FieldPatternTests
{
    [Fact]
    public void EveryPatternInOpenApiYaml_AcceptsWhatTheApisRegexAccepts_AndNothingElse()
    {
        var schemas = AsyncApiDocument.ReadYaml(File.ReadAllText(RepositoryFiles.PathOf("openapi.yaml")))["components"]!["schemas"]!;
        var compared = 0;
        foreach (var (schemaName, prefix) in RequestSchemaPaths.InBody)
        {
            foreach (var (property, rules) in schemas[schemaName]!["properties"]!.AsObject())
            {
                if (rules?["pattern"] is not { } pattern)
                {
                    continue;
                }
                var field = Find(prefix + property);
                // ECMA-262 semantics, as a JSON Schema validator in a browser reads the pattern.
                var document = new Regex((string)pattern!, RegexOptions.ECMAScript);
                foreach (var probe in Probes(field))
                {
                    Assert.True(document.IsMatch(probe) == field.Matches(probe),
                        $"{prefix}{property}: the document's pattern {(document.IsMatch(probe) ? "accepts" : "refuses")} '{probe}', the API's regex does not");
                }
                compared++;
            }
        }
        Assert.True(compared >= 5, $"only {compared} patterns found: did the schema names change?");
    }

    [Fact]
    public void ARegexThatDisagreesWithItsPattern_IsCaught()
    {
        // The comparison above, against a field whose regex allows one character more than its pattern.
        var document = new Regex("^[A-Z]{3}$", RegexOptions.ECMAScript);
        var field = RequestField.Characters("currency", 3, 3, required: true, "A-Za-z", "letters");

        Assert.Contains(Probes(field), probe => document.IsMatch(probe) != field.Matches(probe));
    }

    [Fact]
    public void APatternIsAnchoredAtTheVeryEnd_NoTrailingNewline()
    {
        foreach (var field in new[] { OrderRequestFields.ClientReference, OrderRequestFields.Sku, OrderRequestFields.Currency, OrderRequestFields.Email })
        {
            var valid = Probes(field).First(field.Matches);
            Assert.False(field.Matches(valid + "\n"), $"{field.Name} accepts '{valid}' with a trailing newline");
        }
    }

    private static RequestField Find(string path)
    {
        var field = OrderRequestFields.Order;
        foreach (var name in path.Split('.'))
        {
            // "lines[0]": any line, whose declaration is the list's items.
            field = name.EndsWith(']') ? field.MembersByName[name[..name.IndexOf('[', StringComparison.Ordinal)]].Items! : field.MembersByName[name];
        }
        return field;
    }

    /// <summary>Strings around the field's limits and over every printable ASCII character and a few others.</summary>
    private static IEnumerable<string> Probes(RequestField field)
    {
        string[] seeds = ["A", "a", "0", "+", "ada@example.com", "a.b-c_d~e", "EUR", "DE", "+49 (30) 1234-5678"];
        var characters = Enumerable.Range(0x20, 0x5f).Select(c => ((char)c).ToString()).Concat(["é", "\t", "\u00a0", "٣"]);
        foreach (var seed in seeds)
        {
            yield return seed;
            foreach (var character in characters)
            {
                yield return character + seed[1..];
                yield return seed + character;
                yield return seed[..1] + character + seed[1..];
            }
        }
        foreach (var length in new[] { field.Min - 1, field.Min, field.Max, field.Max + 1 }.Where(length => length is >= 0 and < 300))
        {
            yield return new string('A', (int)length);
            yield return new string('1', (int)length);
            yield return length < 3 ? new string('a', (int)length) : new string('a', (int)length - 2) + "@b";
        }
    }
}
