using DbUp;
using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Sqlite;

internal sealed class SqliteMigrator(OrdersConnectionString connectionString, ILogger<SqliteMigrator> logger) : IDatabaseMigrator
{
    public void Migrate()
    {
        using (var connection = new SqliteConnection(connectionString.MigrationTarget))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL lets lookups read while an order is being written; the mode is stored in the file.
            // It cannot change inside a transaction, so it is set here rather than in a script.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }
        DbUpMigrations.Run(DeployChanges.To.SqliteDatabase(connectionString.MigrationTarget), "sqlite", logger);
    }

    public bool IsUpToDate() => DbUpMigrations.IsUpToDate(DeployChanges.To.SqliteDatabase(connectionString.MigrationTarget), "sqlite");
}
