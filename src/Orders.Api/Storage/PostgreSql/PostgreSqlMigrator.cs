using DbUp;
using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

internal sealed class PostgreSqlMigrator(OrdersConnectionString connectionString, ILogger<PostgreSqlMigrator> logger) : IDatabaseMigrator
{
    // Any fixed number; it only has to be the same in every instance of this app.
    private const long MigrationLockKey = 0x4F52_4445_5253; // "ORDERS"

    public void Migrate()
    {
        // Several instances may start at once: a session-level advisory lock lets one migrate while
        // the others wait, then find nothing left to do.
        using var lockConnection = new NpgsqlConnection(connectionString.MigrationTarget);
        lockConnection.Open();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            take.ExecuteNonQuery();
        }
        try
        {
            DbUpMigrations.Run(DeployChanges.To.PostgresqlDatabase(connectionString.MigrationTarget), "postgresql", logger);
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            release.ExecuteNonQuery();
        }
    }

    public bool IsUpToDate() => DbUpMigrations.IsUpToDate(DeployChanges.To.PostgresqlDatabase(connectionString.MigrationTarget), "postgresql");
}
