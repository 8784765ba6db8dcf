using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Api.Storage;

namespace Orders.Api.Health;

/// <summary>Ready when the database answers and no migration is pending.</summary>
internal sealed class StoreReadinessCheck(IDatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
