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
/// <remarks>
/// A bare <see cref="IOException"/> is not the store's: the drivers wrap their transport's errors in
/// their own exceptions (each provider's table above), while ASP.NET Core's are IOExceptions too: a client that
/// hung up mid-body (<c>BadHttpRequestException</c>, <c>ConnectionResetException</c>), and so is a
/// missing file (<see cref="FileNotFoundException"/>). Counted as a lost connection, they answered
/// 503 and logged a store outage that never happened.
/// </remarks>
public static class StoreErrors
{
    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        NpgsqlException => PostgreSqlErrors.Classify(exception),
        SqlException => SqlServerErrors.Classify(exception),
        SqliteException => SqliteErrors.Classify(exception),
        InvalidOperationException when SqlServerErrors.Classify(exception) is var kind && kind.IsStoreFailure() => kind,
        TimeoutException => StoreErrorKind.Timeout,
        SocketException => StoreErrorKind.ConnectionLost,
        _ => StoreErrorKind.Bug,
    };
}
