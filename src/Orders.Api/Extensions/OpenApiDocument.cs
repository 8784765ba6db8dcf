namespace Orders.Api.Extensions;

/// <summary>The OpenAPI document (/swagger/v1/swagger.json and .yaml) and Swagger UI (/swagger).</summary>
internal static class OpenApiDocument
{
    public static IServiceCollection AddOrdersOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new()
            {
                Title = "Orders API",
                Version = "v1",
                Description = "Exactly-once order creation: retry POST /orders blindly with the same clientReference.",
            });
            options.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    public static WebApplication UseOrdersOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }
}
