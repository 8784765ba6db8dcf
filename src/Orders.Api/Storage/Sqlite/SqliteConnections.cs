using Microsoft.Data.Sqlite;

namespace Orders.Api.Storage.Sqlite;

/// <summary>How the store and the outbox connect to the SQLite file.</summary>
internal static class SqliteConnections
{
    /// <summary>Seconds each statement (BEGIN IMMEDIATE included) keeps retrying a busy database, without a deadline.</summary>
    private const int BusyTimeoutSeconds = 30;

    /// <summary>
    /// Foreign keys on; the busy timeout (Default Timeout) the request's deadline when the string does
    /// not name one, and a named one must fit within it (<see cref="StoreTimeouts"/>).
    /// </summary>
    /// <exception cref="Configuration.ConfigurationMistakeException">The timeout it names is longer than the deadline.</exception>
    public static string Configure(string connectionString, StoreTimeouts? timeouts = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        var named = ConnectionStringKeys.Named(connectionString).Overlaps(["defaulttimeout", "commandtimeout"]);
        builder.DefaultTimeout = timeouts is null ? BusyTimeoutSeconds
            : named ? timeouts.Fit("Default Timeout", builder.DefaultTimeout)
            : timeouts.CommandSeconds;
        return builder.ToString();
    }

    public static Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct) =>
        DbConnections.OpenAsync(new SqliteConnection(connectionString), ct);
}
