using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Api.Storage;

namespace Orders.Api.Health;

/// <summary>Ready when the pool has been warmed, the database answers and no migration is pending.</summary>
internal sealed class StoreReadinessCheck(IDatabaseMigrator migrator, PoolWarmth warmth) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!warmth.HasEnded)
        {
            // Not yet: a burst now would meet sessions that are still starting (Storage:WarmUpSeconds bounds
            // the wait). Degraded, not Unhealthy: /health/ready answers it 503 all the same, but the health
            // check service logs it as a warning, where every probe of a normal start-up would log an error.
            return HealthCheckResult.Degraded("The connection pool is being warmed.");
        }
        try
        {
            // DbUp is synchronous; keep it off the request thread.
            var upToDate = await Task.Run(migrator.IsUpToDate, cancellationToken);
            return upToDate
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Migrations are pending.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The description is logged by the health check service, not written to the response. One
            // line, without the exception: a probe every few seconds must not print a stack trace each
            // time while the database is down.
            return HealthCheckResult.Unhealthy($"The database cannot be reached: {StartupDatabaseErrors.FirstLine(ex.Message)}.");
        }
    }
}
