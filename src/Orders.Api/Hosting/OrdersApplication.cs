using System.Text.Json.Serialization;
using Orders.Api.Contracts;
using Orders.Api.Events;
using Orders.Api.Health;
using Orders.Api.Http.Endpoints;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Observability;
using Orders.Api.OpenApi;
using Orders.Api.Security;
using Orders.Api.Storage;

namespace Orders.Api.Hosting;

/// <summary>The composition root: what Program.cs calls.</summary>
public static class OrdersApplication
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.ReloadUserSecretsCreatedAfterStart();
        builder.AddOrderStorage();
        builder.AddOrderEvents();
        builder.AddOrdersObservability([OrderPaths.Root, OrderPaths.OwnersRoot], StatementNames.Of);
        builder.Services.AddSingleton<OrderOutcomeFilter>();
        builder.Services.AddOrdersHealthChecks();
        builder.Services.AddOrdersCors(builder.Configuration);
        builder.Services.AddOrdersAuthentication(builder.Configuration);
        builder.Services.AddOrdersRateLimiting(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderFactory>();
        builder.Services.AddSingleton<StoreOutageLog>();
        builder.Services.AddExceptionHandler<StoreExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOrdersOpenApi();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // Our own reader enforces 64 KiB with a problem answer; this is Kestrel's backstop for every path.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout =
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
        return builder;
    }

    public static WebApplication UseOrders(this WebApplication app)
    {
        app.MigrateOrderStorageIfEnabled();
        // First: a preflight carries no token and must be answered before authentication. The
        // middleware adds its headers as the response starts, so error answers get them too.
        app.UseCors();
        app.UseExceptionHandler();
        app.UseProblemStatusCodePages();
        app.UseOrdersOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOrdersHealthChecks();
        app.MapOrdersMetrics();
        // The customers' /orders endpoints need an owner's token; the fulfilment service's route its scope.
        // Health and metrics stay anonymous.
        OrderRoutes(app, AuthenticationSetup.OwnerPolicy).MapOrdersApi();
        OrderRoutes(app, AuthenticationSetup.FulfilmentPolicy).MapFulfilmentApi();
        return app;
    }

    /// <summary>
    /// A group for order endpoints under <paramref name="policy"/>, with what every one of them shares: the
    /// rate limit per token subject, the outcome filter (counts and log lines) and the migration gate.
    /// </summary>
    private static RouteGroupBuilder OrderRoutes(WebApplication app, string policy)
    {
        var routes = app.MapGroup("");
        routes.RequireAuthorization(policy)
            .RequireRateLimiting(RateLimitingSetup.PerOwnerPolicy)
            .AddEndpointFilter<OrderOutcomeFilter>()
            .AddEndpointFilter<PendingMigrationFilter>();
        return routes;
    }
}
