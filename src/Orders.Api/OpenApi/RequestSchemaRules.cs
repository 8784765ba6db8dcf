using Microsoft.OpenApi;
using Orders.Api.Rules;

namespace Orders.Api.OpenApi;

/// <summary>
/// The request schemas as the field declarations (<see cref="OrderRequestFields"/>) say, so a client
/// (or a validating proxy) knows every rule before it sends. The request records are all-nullable for
/// binding's sake; here the document says what is really required and where null means "absent".
/// A property of a record that no declaration names fails the document, so none goes unchecked.
/// </summary>
/// <remarks>
/// A change's body is a merge patch (RFC 7396): every member may be left out, so its schemas require
/// nothing, and only the optional members may be null (null removes them).
/// </remarks>
internal sealed class RequestSchemaRules() : SchemaRuleTable(RulesOf(
    (OrderRequestFields.Order, false), (OrderTransitionFields.Cancellation, false), (OrderTransitionFields.Change, true)))
{
    private static Dictionary<Type, Action<OpenApiSchema>> RulesOf(params (RequestField Root, bool MergePatch)[] roots)
    {
        var rules = new Dictionary<Type, Action<OpenApiSchema>>();
        foreach (var (root, mergePatch) in roots)
        {
            Add(root, mergePatch, rules);
        }
        return rules;
    }

    private static void Add(RequestField field, bool mergePatch, Dictionary<Type, Action<OpenApiSchema>> rules)
    {
        if (field.Items is { } items)
        {
            Add(items, mergePatch, rules);
        }
        if (field.Contract is null)
        {
            return;
        }
        rules[field.Contract] = schema => Apply(field, mergePatch, schema);
        foreach (var member in field.Members)
        {
            Add(member, mergePatch, rules);
        }
    }

    private static void Apply(RequestField field, bool mergePatch, OpenApiSchema schema)
    {
        var undeclared = schema.Properties?.Keys.Except(field.MembersByName.Keys).ToList() ?? [];
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                $"{field.Contract!.Name} has properties no field declares ({string.Join(", ", undeclared)}): declare them in {nameof(OrderRequestFields)}.");
        }
        // Only ever an optional property, where null means "none" (OpenAPI 3.0 ignores a $ref's siblings).
        if (!field.Required)
        {
            schema.AllowsNull();
        }
        schema.Require(mergePatch ? [] : [.. field.Members.Where(member => member.Required).Select(member => member.Name)])
            .LimitsOf(field)
            .NullableOnly([.. field.Members.Where(member => !member.Required).Select(member => member.Name)]);
    }
}
