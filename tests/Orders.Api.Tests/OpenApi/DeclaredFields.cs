using Orders.Api.Rules;

namespace Orders.Api.Tests.OpenApi;

/// <summary>
/// Every field of the request declarations (<see cref="OrderRequestFields"/>) with its path in the
/// body ("customer.name", "lines[].sku"), in declaration order: what the README's table lists and
/// what the suites that cover "every field of a kind" run over, so a new field is covered at once.
/// </summary>
public static class DeclaredFields
{
    public static IEnumerable<(string Path, RequestField Field)> Walk(RequestField record, string prefix = "")
    {
        foreach (var member in record.Members)
        {
            var path = prefix + member.Name;
            yield return (path, member);
            var inner = member.Kind == FieldKind.List ? member.Items! : member;
            var innerPrefix = member.Kind == FieldKind.List ? path + "[]." : path + ".";
            foreach (var nested in inner.Kind == FieldKind.Record ? Walk(inner, innerPrefix) : [])
            {
                yield return nested;
            }
        }
    }

    /// <summary>The free-text fields: text with limits and no pattern (names, address lines).</summary>
    public static IEnumerable<(string Path, RequestField Field)> FreeText() =>
        Walk(OrderRequestFields.Order).Where(pair => pair.Field.Kind == FieldKind.Text && pair.Field.Pattern is null);

    /// <summary>(path in the body, its limit in characters) of every free-text field, for a theory.</summary>
    public static TheoryData<string, int> FreeTextLimits() => new(FreeText().Select(pair => (pair.Path, (int)pair.Field.Max)));
}
