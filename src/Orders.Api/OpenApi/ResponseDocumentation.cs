using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orders.Api.OpenApi;

/// <summary>
/// Gives every response its meaning, headers and examples from <see cref="ResponseCatalog"/>, and the
/// request body its example.
/// </summary>
internal sealed class ResponseDocumentation(IOptions<JsonOptions> json) : IOperationFilter
{
    private readonly OrderExamples _examples = new(json.Value.SerializerOptions);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            var doc = ResponseCatalog.Find(operation.OperationId!, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), _examples);
            var target = (OpenApiResponse)response;
            target.Description = doc.Description;
            foreach (var header in doc.Headers)
            {
                (target.Headers ??= new Dictionary<string, IOpenApiHeader>())[header] = ResponseCatalog.Header(header);
            }
            if (target.Content is not { Count: > 0 })
            {
                continue; // a 304: headers only
            }
            var media = (OpenApiMediaType)target.Content.Values.Single();
            if (doc.Examples is [var only])
            {
                media.Example = only.Value;
            }
            else
            {
                media.Examples = doc.Examples.ToDictionary(
                    example => example.Name,
                    example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = example.Value });
            }
        }
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            var (description, example) = operation.OperationId switch
            {
                "CreateOrder" => ("The order. Send exactly the same body on every retry of one checkout attempt.", _examples.CreateRequest),
                "CancelOrder" => ("Optional: why the order is cancelled. Send the same body on every retry of one cancel.", _examples.CancelRequest),
                "FulfilOrder" => ("Optional: the carrier and tracking number it shipped with. Send the same body on every retry of one fulfilment.", _examples.FulfilRequest),
                "ChangeOrder" => ("A JSON merge patch (RFC 7396) of the customer's name and phone and the shipping address.", OrderExamples.ChangeRequestBody),
                _ => throw new InvalidOperationException($"No request body documentation for {operation.OperationId}."),
            };
            body.Description = description;
            // One example per media type the operation accepts (a change takes merge-patch+json and json alike).
            foreach (var media in body.Content!.Values.OfType<OpenApiMediaType>())
            {
                media.Example = example;
            }
        }
    }
}
