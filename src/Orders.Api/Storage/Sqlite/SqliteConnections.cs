using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Sqlite;

/// <summary>How the store and the outbox connect to the SQLite file.</summary>
internal static class SqliteConnections
{
    public static string Configure(string connectionString) => new SqliteConnectionStringBuilder(connectionString)
    {
        ForeignKeys = true,
        // Seconds each statement (BEGIN IMMEDIATE included) keeps retrying a busy database.
        DefaultTimeout = 30,
    }.ToString();

    public static Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct) =>
        DbConnections.OpenAsync(new SqliteConnection(connectionString), ct);
}
