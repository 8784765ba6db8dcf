using Dapper;
using DbUp;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

internal sealed class SqlServerMigrator(OrdersConnectionString connectionString, ILogger<SqlServerMigrator> logger) : IDatabaseMigrator
{
    // Any fixed name; it only has to be the same in every instance of this app (scoped to the database).
    private const string MigrationLockResource = "Orders.Api.migrations";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    public void Migrate()
    {
        // Several instances may start at once: a session-level application lock lets one migrate while
        // the others wait, then find nothing left to do. Unpooled, so that if the release below never
        // reaches the server, closing the connection ends the session and frees the lock.
        var lockConnectionString = new SqlConnectionStringBuilder(connectionString.MigrationTarget) { Pooling = false }.ConnectionString;
        using var lockConnection = new SqlConnection(lockConnectionString);
        lockConnection.Open();
        var granted = lockConnection.ExecuteScalar<int>(new CommandDefinition(
            SqlServerSql.TakeMigrationLock,
            SqlServerParameters.TakeMigrationLock(MigrationLockResource, LockWait),
            commandTimeout: (int)LockWait.TotalSeconds + 30));
        if (granted < 0)
        {
            throw new InvalidOperationException($"Could not take the migration lock within {LockWait} (sp_getapplock returned {granted}).");
        }
        try
        {
            DbUpMigrations.Run(DeployChanges.To.SqlDatabase(connectionString.MigrationTarget), "sqlserver", logger);
        }
        finally
        {
            lockConnection.Execute(SqlServerSql.ReleaseMigrationLock, SqlServerParameters.ReleaseMigrationLock(MigrationLockResource));
        }
    }

    public bool IsUpToDate() => DbUpMigrations.IsUpToDate(DeployChanges.To.SqlDatabase(connectionString.MigrationTarget), "sqlserver");
}
