using System.Collections.Frozen;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// Classifies SQL Server errors by number. Every entry of <see cref="SqlException.Errors"/> counts,
/// not only <see cref="SqlException.Number"/> (the first): a batch can report several errors, and
/// the one that matters need not come first.
/// </summary>
internal static class SqlServerErrors
{
    private static readonly FrozenSet<int> UniqueViolations = FrozenSet.Create(
        2627, // Violation of a PRIMARY KEY or UNIQUE constraint (uq_orders_owner_client_reference is one).
        2601); // Duplicate key in a unique index (the same, had the key been declared as an index).

    private static readonly FrozenSet<int> TransientNumbers = FrozenSet.Create(
        1205,  // Chosen as deadlock victim: the transaction was rolled back; running it again is the cure.
        1222,  // Lock request timeout (raised only under SET LOCK_TIMEOUT): nothing was committed.
        -2,    // Client-side timeout (connect or command). EF Core does not retry this because the work
               // may have completed; for a create the unique key turns that case into a 409, and
               // XACT_ABORT rolled back any unfinished transaction at the attention.
        53,    // Server not found or not reachable (network path), e.g. during a restart or failover.
        121,   // Semaphore timeout: the transport gave up on a half-dead connection.
        233,   // The server closed the connection before or during login (busy, restarting).
        10053, // Transport-level error: connection aborted on this host.
        10054, // Transport-level error: connection reset by the server (restart, failover, kill).
        10060, // Connect attempt timed out.
        10061, // Connection refused: nothing listening yet (service starting, failover in progress).
        11001, // Host name not resolved: DNS blips during failover; bounded retries, then 503.
        4060,  // Cannot open the database: it is recovering, restoring or failing over.
        40197, // Azure SQL: the service hit an error processing the request (reconfiguration).
        40501, // Azure SQL: the service is busy.
        40613); // Azure SQL: the database is not currently available (failover).

    public static bool IsUniqueViolation(SqlException exception) => IsUniqueViolation(Numbers(exception));

    public static bool IsUniqueViolation(IEnumerable<int> errorNumbers) => errorNumbers.Any(UniqueViolations.Contains);

    /// <summary>Worth running the whole unit of work again (see <see cref="TransientRetry"/>).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // On Linux SqlClient reports a refused connection as number 0 ("error: 35 - An internal
        // exception was caught") with the SocketException inside, so the cause is checked too.
        // A connection dropped while connecting (a restart, a failover, a cut network: "successfully
        // established ..., but then an error occurred during the pre-login handshake / login process")
        // is number 0 with no inner exception; its severity, 20 or more, says the connection failed,
        // and SqlClient closes a connection after any such error.
        SqlException sql => IsTransient(Numbers(sql)) || sql.InnerException is SocketException or IOException || IsConnectionFatal(sql),
        TimeoutException => true,
        _ => false,
    };

    public static bool IsTransient(IEnumerable<int> errorNumbers) => errorNumbers.Any(TransientNumbers.Contains);

    /// <summary>Severity 20 and above ends the connection (SQL Server's "fatal" classes); 0 is SqlClient's own connection-level number.</summary>
    private static bool IsConnectionFatal(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Any(error => error.Number == 0 && error.Class >= 20);

    private static IEnumerable<int> Numbers(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Select(error => error.Number);
}
