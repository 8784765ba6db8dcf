using System.Text.Json.Serialization;
using Orders.Api.Health;
using Orders.Api.Infrastructure;
using Orders.Api.Observability;
using Orders.Api.Orders;

namespace Orders.Api.Extensions;

/// <summary>The composition root: what Program.cs calls.</summary>
public static class OrdersApplication
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.AddOrderStorage();
        builder.AddOrdersObservability();
        builder.Services.AddOrdersHealthChecks();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderFactory>();
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
        app.UseExceptionHandler();
        app.UseProblemStatusCodePages();
        app.UseOrdersOpenApi();
        app.MapOrdersHealthChecks();
        app.MapOrdersMetrics();
        // An outer group, so the outcome filter (counts and log lines) covers every /orders endpoint.
        app.MapGroup("").AddEndpointFilter<OrderOutcomeFilter>().MapOrdersApi();
        return app;
    }
}
