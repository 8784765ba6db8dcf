using Microsoft.OpenApi;
using Orders.Api.Http.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orders.Api.OpenApi;

/// <summary>Describes the one tag every endpoint carries (Swagger UI shows it as the section heading).</summary>
internal sealed class DocumentTags : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context) =>
        swaggerDoc.Tags = new HashSet<OpenApiTag> { new() { Name = ApiTexts.TagName, Description = ApiTexts.Tag } };
}
