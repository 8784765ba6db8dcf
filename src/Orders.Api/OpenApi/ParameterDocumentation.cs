using Microsoft.OpenApi;
using Orders.Api.Http.Endpoints;
using Orders.Api.Rules;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orders.Api.OpenApi;

/// <summary>
/// The parameters' rules and meaning. The handlers bind <c>limit</c> and <c>after</c> as text so that a
/// bad value gets our VALIDATION_FAILED problem, not the framework's bodiless 400; the document says
/// what a valid value is.
/// </summary>
internal sealed class ParameterDocumentation : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            (parameter.Description, parameter.Schema) = parameter.Name switch
            {
                "clientReference" => ("The reference the order was placed with.", ClientReferenceSchema()),
                "owner" => ("The order's owner: the `sub` of the customer's token that placed it, as the `owner` header of its events carries it (URL-encoded).",
                    new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Security.AuthenticationSetup.MaxOwnerLength }),
                "limit" => ($"How many orders per page, 1 to {OrdersApi.MaxPageSize}.", new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = OrdersApi.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = OrdersApi.DefaultPageSize,
                }),
                "after" => ("The `next` of the previous page, unchanged; omit it for the first page.",
                    new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100 }),
                _ => throw new InvalidOperationException($"Parameter '{parameter.Name}' is not documented in {nameof(ParameterDocumentation)}."),
            };
        }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyHeaderMarker>().Any())
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = ClientReference.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = ApiTexts.IdempotencyKeyHeader,
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MinLength = 1,
                    MaxLength = (int)Reference.Max + 2,
                    // The reference, bare or as a structured-field string ("...").
                    Pattern = $"^(\"{Reference.Pattern}\"|{Reference.Pattern})$",
                },
                Example = OrderExamples.Reference,
            });
        }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IfNoneMatchHeaderMarker>().Any())
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = ApiTexts.IfNoneMatchHeader,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                Example = OrderExamples.ETag,
            });
        }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IfMatchHeaderMarker>().FirstOrDefault() is { } ifMatch)
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = ifMatch.Required,
                Description = ApiTexts.IfMatchHeader,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                Example = OrderExamples.ETag,
            });
        }
    }

    private static RequestField Reference => OrderRequestFields.ClientReference;

    private static OpenApiSchema ClientReferenceSchema() => new()
    {
        Type = JsonSchemaType.String,
        MinLength = (int)Reference.Min,
        MaxLength = (int)Reference.Max,
        Pattern = Reference.SchemaPattern,
    };
}
