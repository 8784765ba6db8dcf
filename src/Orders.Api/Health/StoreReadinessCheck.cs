using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Api.Storage;

namespace Orders.Api.Health;

/// <summary>Ready when the pool has been warmed, the database answers and no migration is pending.</summary>
/// <remarks>
/// With <c>ConnectionStrings:OrdersMigrations</c> set, the migrations live on another node than the
/// one requests go to (a Citus coordinator, requests entering through the workers): once the schema
/// was found up to date, readiness asks the store itself (a lookup of an owner nobody has), so that
/// the migration node's loss does not take every instance out of its load balancer while the nodes
/// it serves from still answer. A newer schema comes with newer instances, which check it again.
/// </remarks>
internal sealed class StoreReadinessCheck(IDatabaseMigrator migrator, PoolWarmth warmth, OrdersConnectionString connectionString, IOrderStore store)
    : IHealthCheck
{
    private const string ProbeOwner = "(readiness probe)";

    private volatile bool _upToDate;

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
            if (_upToDate && connectionString.MigratesElsewhere)
            {
                // The version read: one row by the unique key, and no order (Model) to build.
                await store.FindVersionAsync(ProbeOwner, ProbeOwner, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            // DbUp is synchronous; keep it off the request thread.
            _upToDate = await Task.Run(migrator.IsUpToDate, cancellationToken);
            return _upToDate
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
