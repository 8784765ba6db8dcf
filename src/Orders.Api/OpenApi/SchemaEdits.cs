using Microsoft.OpenApi;

namespace Orders.Api.OpenApi;

/// <summary>Small, chainable edits of a generated object schema, so the rule tables read as rules.</summary>
internal static class SchemaEdits
{
    public static OpenApiSchema Require(this OpenApiSchema schema, params string[] properties)
    {
        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (schema.Properties?.ContainsKey(property) != true)
            {
                throw new InvalidOperationException($"The schema has no property '{property}'; a rule names a field the contract lacks.");
            }
            schema.Required.Add(property);
        }
        return schema;
    }

    /// <summary>A property the answer leaves out in some cases (never sent as null).</summary>
    public static OpenApiSchema Optional(this OpenApiSchema schema, string property)
    {
        if (schema.Required?.Remove(property) != true)
        {
            throw new InvalidOperationException($"The schema does not require '{property}'; a rule names a field the contract lacks.");
        }
        return schema;
    }

    public static OpenApiSchema RequireAll(this OpenApiSchema schema) =>
        schema.Properties is null ? schema : schema.Require([.. schema.Properties.Keys]);

    /// <summary>A string with length limits and, where the rule is a shape, a pattern.</summary>
    public static OpenApiSchema Text(this OpenApiSchema schema, string property, int minLength, int maxLength, string? pattern = null)
    {
        var text = Property(schema, property);
        text.MinLength = minLength;
        text.MaxLength = maxLength;
        text.Pattern = pattern;
        return schema;
    }

    /// <summary>Every property of an answer that holds what a member of the request record accepted: its limits too.</summary>
    public static OpenApiSchema LimitsOf(this OpenApiSchema schema, Rules.RequestField record)
    {
        foreach (var field in record.Members.Where(member => schema.Properties?.ContainsKey(member.Name) == true))
        {
            _ = field.Kind switch
            {
                Rules.FieldKind.Text => schema.Text(field.Name, (int)field.Min, (int)field.Max, field.SchemaPattern),
                Rules.FieldKind.WholeNumber => schema.Range(field.Name, field.Min, field.Max),
                Rules.FieldKind.List => schema.Items(field.Name, (int)field.Min, (int)field.Max),
                _ => schema,
            };
        }
        return schema;
    }

    public static OpenApiSchema Minimum(this OpenApiSchema schema, string property, long minimum)
    {
        Property(schema, property).Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return schema;
    }

    public static OpenApiSchema Range(this OpenApiSchema schema, string property, long minimum, long maximum)
    {
        var number = Property(schema, property);
        number.Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        number.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return schema;
    }

    public static OpenApiSchema Items(this OpenApiSchema schema, string property, int minItems, int maxItems)
    {
        var array = Property(schema, property);
        array.MinItems = minItems;
        array.MaxItems = maxItems;
        return schema;
    }

    public static OpenApiSchema OneOf(this OpenApiSchema schema, string property, params string[] values)
    {
        Property(schema, property).Enum = [.. values.Select(value => (System.Text.Json.Nodes.JsonNode)value)];
        return schema;
    }

    public static OpenApiSchema Format(this OpenApiSchema schema, string property, string format)
    {
        Property(schema, property).Format = format;
        return schema;
    }

    /// <summary>Sets whether JSON null is an allowed value, whatever the C# type said.</summary>
    public static OpenApiSchema Nullable(this OpenApiSchema schema, string property, bool nullable)
    {
        if (ReferenceOf(schema, property) is { } reference)
        {
            // OpenAPI 3.0 ignores a $ref's siblings, so whether null is allowed is said by the referenced
            // schema itself (see AllowsNull). Swashbuckle wraps a described reference in allOf, which
            // NSwag turns into a needless subclass; the bare reference keeps the referenced type.
            schema.Properties![property] = reference;
            return schema;
        }
        var target = Property(schema, property);
        target.Type = nullable ? target.Type | JsonSchemaType.Null : target.Type & ~JsonSchemaType.Null;
        return schema;
    }

    /// <summary>The schema itself admits null: for a type only ever used where null means "none".</summary>
    public static OpenApiSchema AllowsNull(this OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    /// <summary>Every other property: null is allowed only where the rules said so.</summary>
    public static OpenApiSchema NullableOnly(this OpenApiSchema schema, params string[] nullable)
    {
        foreach (var property in schema.Properties?.Keys ?? [])
        {
            schema.Nullable(property, nullable.Contains(property));
        }
        return schema;
    }

    /// <summary>The schema a property refers to, whether bare or wrapped in allOf to carry a description.</summary>
    private static OpenApiSchemaReference? ReferenceOf(OpenApiSchema schema, string property) =>
        schema.Properties?.TryGetValue(property, out var found) != true ? null : found switch
        {
            OpenApiSchemaReference bare => bare,
            OpenApiSchema { AllOf: [OpenApiSchemaReference wrapped], Properties: null or { Count: 0 } } => wrapped,
            _ => null,
        };

    /// <summary>The property's own (inline) schema: the one a rule can edit.</summary>
    private static OpenApiSchema Property(OpenApiSchema schema, string property) =>
        schema.Properties?.TryGetValue(property, out var found) == true && found is OpenApiSchema editable
            ? editable
            : throw new InvalidOperationException($"The schema has no editable property '{property}'; a rule names a field the contract lacks.");
}
