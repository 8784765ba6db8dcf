using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Api.Health;

/// <summary>
/// /health/live: the process answers (restart it if not). /health/ready: the database is reachable and
/// fully migrated (send it traffic if so). Both anonymous, both cheap.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddOrdersHealthChecks(this IServiceCollection services)
    {
        // One for the process: it remembers that the schema was found up to date (AddCheck alone makes one per probe).
        services.AddSingleton<StoreReadinessCheck>();
        services.AddHealthChecks().AddCheck<StoreReadinessCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapOrdersHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            // Degraded is the pool still warming (StoreReadinessCheck): no traffic yet.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
