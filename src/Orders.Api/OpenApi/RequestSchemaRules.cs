using Microsoft.OpenApi;
using Orders.Api.Rules;

namespace Orders.Api.OpenApi;

/// <summary>
/// The request schemas as the field declarations (<see cref="OrderRequestFields"/>) say, so a client
/// (or a validating proxy) knows every rule before it sends. The request records are all-nullable for
/// binding's sake; here the document says what is really required and where null means "absent".
/// A property of a record that no declaration names fails the document, so none goes unchecked.
/// </summary>
internal sealed class RequestSchemaRules() : SchemaRuleTable(RulesOf(OrderRequestFields.Order))
{
    private static Dictionary<Type, Action<OpenApiSchema>> RulesOf(RequestField root)
    {
        var rules = new Dictionary<Type, Action<OpenApiSchema>>();
        Add(root, rules);
        return rules;
    }

    private static void Add(RequestField field, Dictionary<Type, Action<OpenApiSchema>> rules)
    {
        if (field.Items is { } items)
        {
            Add(items, rules);
        }
        if (field.Contract is null)
        {
            return;
        }
        rules[field.Contract] = schema => Apply(field, schema);
        foreach (var member in field.Members)
        {
            Add(member, rules);
        }
    }

    private static void Apply(RequestField field, OpenApiSchema schema)
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
        schema.Require([.. field.Members.Where(member => member.Required).Select(member => member.Name)])
            .LimitsOf(field)
            .NullableOnly([.. field.Members.Where(member => !member.Required).Select(member => member.Name)]);
    }
}
