using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orders.Api.OpenApi;

/// <summary>Describes the one tag every endpoint carries (Swagger UI shows it as the section heading).</summary>
internal sealed class DocumentTags : IDocumentFilter
{
    public const string Orders = "Orders";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context) =>
        swaggerDoc.Tags = new HashSet<OpenApiTag> { new() { Name = Orders, Description = ApiTexts.Tag } };
}
