using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

/// <summary>
/// Warms PostgreSQL (and Citus) sessions with the lookup: the connection is made (a backend forked, on
/// Citus the coordinator's connection to the owner's worker), and the lookup's statements prepared.
/// The create is not sent: its batch carries its own BEGIN and COMMIT, so no outer transaction could
/// roll it back, and a PostgreSQL backend needs no parser warm-up (its first create costs what the
/// next does, within a few ms to prepare).
/// </summary>
internal sealed class PostgreSqlWarmUp(NpgsqlDataSource dataSource) : IStoreWarmUp
{
    public Task WarmUpAsync(int connections, CancellationToken cancellationToken) =>
        ConnectionWarmUp.RunAsync(connections, ct => dataSource.OpenConnectionAsync(ct).AsTask(),
            (connection, ct) => PostgreSqlOrderStore.FindAsync(connection, WarmUpOrder.Owner, "warm-up", ct), cancellationToken);
}
