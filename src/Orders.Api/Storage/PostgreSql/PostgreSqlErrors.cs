using System.Net.Sockets;
using Npgsql;

namespace Orders.Api.Storage.PostgreSql;

internal static class PostgreSqlErrors
{
    /// <summary>
    /// Worth running the whole unit of work again: serialization failure (40001), deadlock (40P01),
    /// a server shutting down or refusing connections (57P01-57P03, class 08), or a connection that
    /// could not be opened or broke (Npgsql marks those transient).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is "40001" or "40P01" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
