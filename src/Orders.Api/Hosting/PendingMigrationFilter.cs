using Orders.Api.Storage;

namespace Orders.Api.Hosting;

/// <summary>
/// While the start-up migration is postponed (<see cref="StartupMigration"/>), the tables may not
/// exist yet: answer 503 STORE_UNAVAILABLE with Retry-After rather than let a store query fail as a 500.
/// </summary>
internal sealed class PendingMigrationFilter(StartupMigration migration) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        migration.IsPending
            ? throw new StoreUnavailableException("The start-up migration has not succeeded yet.")
            : next(context);
}
