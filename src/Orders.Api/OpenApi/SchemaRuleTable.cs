using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orders.Api.OpenApi;

/// <summary>A schema filter that is a table: for each contract type, the edits its generated schema needs.</summary>
internal abstract class SchemaRuleTable(Dictionary<Type, Action<OpenApiSchema>> rules) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        // Only the type's own (component) schema; a property's schema is edited by its parent's rule.
        if (context.MemberInfo is null && schema is OpenApiSchema target && rules.TryGetValue(context.Type, out var apply))
        {
            apply(target);
        }
    }
}
