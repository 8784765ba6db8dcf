using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>How the store and the outbox connect to SQL Server.</summary>
internal static class SqlServerConnections
{
    // Lets a DBA tell this app's sessions apart (sys.dm_exec_sessions.program_name); an explicit
    // Application Name in the configured connection string wins.
    public static string Configure(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (!builder.ShouldSerialize("Application Name"))
        {
            builder.ApplicationName = "Orders.Api";
        }
        return builder.ConnectionString;
    }

    public static Task<SqlConnection> OpenAsync(string connectionString, CancellationToken ct) =>
        DbConnections.OpenAsync(new SqlConnection(connectionString), ct);
}
