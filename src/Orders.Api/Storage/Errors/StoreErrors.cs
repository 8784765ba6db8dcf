using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orders.Api.Storage.Errors;

/// <summary>
/// The one place that says what a database error means for the client: each provider's table
/// (<see cref="PostgreSqlErrors"/>, <see cref="SqlServerErrors"/>, <see cref="SqliteErrors"/>) for its
/// driver's exceptions, and the transport's own for the rest. The retry, the exception handler and the
/// start-up migration all ask here; the table for operators is docs/operations.md, Store errors.
/// </summary>
public static class StoreErrors
{
    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        NpgsqlException => PostgreSqlErrors.Classify(exception),
        SqlException => SqlServerErrors.Classify(exception),
        SqliteException => SqliteErrors.Classify(exception),
        InvalidOperationException when SqlServerErrors.Classify(exception) is var kind && kind.IsStoreFailure() => kind,
        TimeoutException => StoreErrorKind.Timeout,
        SocketException or IOException => StoreErrorKind.ConnectionLost,
        _ => StoreErrorKind.Bug,
    };
}
