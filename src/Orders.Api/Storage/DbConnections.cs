using System.Data.Common;

namespace Orders.Api.Storage;

/// <summary>Opening a connection the same way everywhere: a connection that cannot be opened is disposed, not leaked.</summary>
internal static class DbConnections
{
    public static async Task<T> OpenAsync<T>(T connection, CancellationToken ct) where T : DbConnection
    {
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
