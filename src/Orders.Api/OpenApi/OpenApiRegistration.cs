using Microsoft.OpenApi;
using Orders.Api.Http.Endpoints;

namespace Orders.Api.OpenApi;

/// <summary>
/// The OpenAPI document (/swagger/v1/swagger.json and .yaml) and Swagger UI (/swagger). openapi.yaml at
/// the repository root is this document, written by the Swashbuckle CLI; a test keeps the two equal.
/// </summary>
internal static class OpenApiRegistration
{
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddOrdersOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new()
            {
                Title = "Orders API",
                Version = "v1",
                Description = ApiTexts.Document,
            });
            // Relative: the API is wherever this document was fetched from (Swagger UI's "Try it out" too).
            options.AddServer(new() { Url = "/", Description = "The server this document comes from" });
            // Every documented operation needs a bearer token (health and metrics are not in the document).
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the configured issuer; its `sub` claim is the owner of the orders. " +
                              "For development: `dotnet user-jwts create --project src/Orders.Api`.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [],
            });
            options.SupportNonNullableReferenceTypes();
            options.IncludeXmlComments(typeof(OpenApiRegistration).Assembly);
            options.SchemaFilter<RequestSchemaRules>();
            options.SchemaFilter<ResponseSchemaRules>();
            options.OperationFilter<ParameterDocumentation>();
            options.OperationFilter<ResponseDocumentation>();
            options.DocumentFilter<DocumentTags>();
        });
        return services;
    }

    /// <summary>Everything the two serve is under /swagger.</summary>
    public const string PathPrefix = "/swagger";

    public static WebApplication UseOrdersOpenApi(this WebApplication app)
    {
        // Only on their own paths: both middlewares otherwise test every request's path against their
        // routes (Swagger UI with a regular expression), CPU that an order request pays for nothing.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(ui =>
            {
                ui.DocumentTitle = "Orders API";
                ui.UseRequestInterceptor(TryItOutReference.RequestInterceptor);
            });
        });
        return app;
    }
}
