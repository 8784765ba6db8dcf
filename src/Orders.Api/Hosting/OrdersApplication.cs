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
        builder.AddOrdersObservability(OrderPaths.Root, StatementNames.Of);
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
        // An outer group for what every /orders endpoint shares: an owner's token, the owner's rate
        // limit, and the outcome filter (counts and log lines). Health and metrics stay anonymous.
        app.MapGroup("")
            .RequireAuthorization(AuthenticationSetup.OwnerPolicy)
            .RequireRateLimiting(RateLimitingSetup.PerOwnerPolicy)
            .AddEndpointFilter<OrderOutcomeFilter>()
            .AddEndpointFilter<PendingMigrationFilter>()
            .MapOrdersApi();
        // The fulfilment service's route: its own scope instead of an owner; the same limit (per token
        // subject), counts and migration gate.
        app.MapGroup("")
            .RequireAuthorization(AuthenticationSetup.FulfilmentPolicy)
            .RequireRateLimiting(RateLimitingSetup.PerOwnerPolicy)
            .AddEndpointFilter<OrderOutcomeFilter>()
            .AddEndpointFilter<PendingMigrationFilter>()
            .MapFulfilmentApi();
        return app;
    }
}
