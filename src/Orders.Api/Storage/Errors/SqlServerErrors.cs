using System.Collections.Frozen;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;

namespace Orders.Api.Storage.Errors;

/// <summary>
/// Classifies SQL Server errors by number: duplicates, and what the others mean for the client
/// (docs/operations.md, Store errors). Every entry of <see cref="SqlException.Errors"/> counts,
/// not only <see cref="SqlException.Number"/> (the first): a batch can report several errors, and
/// the one that matters need not come first.
/// </summary>
internal static class SqlServerErrors
{
    private static readonly FrozenSet<int> UniqueViolations = FrozenSet.Create(
        2627, // Violation of a PRIMARY KEY or UNIQUE constraint (uq_orders_owner_client_reference is one).
        2601); // Duplicate key in a unique index (the same, had the key been declared as an index).

    private static readonly FrozenDictionary<int, StoreErrorKind> ByNumber = new Dictionary<int, StoreErrorKind>
    {
        [1205] = StoreErrorKind.Conflict,         // Chosen as deadlock victim: rolled back; running it again is the cure.
        [1222] = StoreErrorKind.Conflict,         // Lock request timeout (raised only under SET LOCK_TIMEOUT): nothing was committed.
        [-2] = StoreErrorKind.Timeout,            // Client-side timeout (connect or command). EF Core does not retry this because the
                                                  // work may have completed; for a create the order's id makes the retry's answer 201,
                                                  // and XACT_ABORT rolled back any unfinished transaction at the attention.
        [53] = StoreErrorKind.NodeUnavailable,    // Server not found or not reachable (network path), e.g. during a restart or failover.
        [121] = StoreErrorKind.ConnectionLost,    // Semaphore timeout: the transport gave up on a half-dead connection.
        [233] = StoreErrorKind.NodeUnavailable,   // The server closed the connection before or during login (busy, restarting).
        [10053] = StoreErrorKind.ConnectionLost,  // Transport-level error: connection aborted on this host.
        [10054] = StoreErrorKind.ConnectionLost,  // Transport-level error: connection reset by the server (restart, failover, kill).
        [10060] = StoreErrorKind.NodeUnavailable, // Connect attempt timed out.
        [10061] = StoreErrorKind.NodeUnavailable, // Connection refused: nothing listening yet (service starting, failover in progress).
        [11001] = StoreErrorKind.NodeUnavailable, // Host name not resolved: DNS blips during failover; bounded retries, then 503.
        [4060] = StoreErrorKind.NodeUnavailable,  // Cannot open the database: it is recovering, restoring or failing over.
        [40197] = StoreErrorKind.NodeUnavailable, // Azure SQL: the service hit an error processing the request (reconfiguration).
        [40501] = StoreErrorKind.Busy,            // Azure SQL: the service is busy.
        [40613] = StoreErrorKind.NodeUnavailable, // Azure SQL: the database is not currently available (failover).
        [18456] = StoreErrorKind.Refused,         // Login failed: a password or a permission changed; an operator's to fix.
    }.ToFrozenDictionary();

    /// <summary>Earlier kinds win when a batch reports several errors: the most telling first.</summary>
    private static readonly StoreErrorKind[] Precedence =
    [
        StoreErrorKind.ConnectionLost, StoreErrorKind.NodeUnavailable, StoreErrorKind.Timeout,
        StoreErrorKind.Conflict, StoreErrorKind.Busy, StoreErrorKind.Refused,
    ];

    public static bool IsUniqueViolation(SqlException exception) => IsUniqueViolation(Numbers(exception));

    public static bool IsUniqueViolation(IEnumerable<int> errorNumbers) => errorNumbers.Any(UniqueViolations.Contains);

    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        SqlException sql => Classify(sql),
        // SqlClient's pool had no connection to give within Connect Timeout.
        InvalidOperationException when IsPoolTimeout(exception) => StoreErrorKind.Busy,
        _ => StoreErrorKind.Bug,
    };

    public static StoreErrorKind Classify(IEnumerable<int> errorNumbers)
    {
        var kinds = errorNumbers.Select(number => ByNumber.GetValueOrDefault(number, StoreErrorKind.Bug)).ToHashSet();
        return Precedence.FirstOrDefault(kinds.Contains, StoreErrorKind.Bug);
    }

    private static StoreErrorKind Classify(SqlException sql)
    {
        var byNumber = Classify(Numbers(sql));
        // On Linux SqlClient reports a refused connection as number 0 ("error: 35 - An internal
        // exception was caught") with the SocketException inside, so the cause is checked too.
        // A connection dropped while connecting (a restart, a failover, a cut network: "successfully
        // established ..., but then an error occurred during the pre-login handshake / login process")
        // is number 0 with no inner exception; its severity, 20 or more, says the connection failed,
        // and SqlClient closes a connection after any such error.
        return byNumber != StoreErrorKind.Bug ? byNumber
            : sql.InnerException is SocketException or IOException || IsConnectionFatal(sql) ? StoreErrorKind.ConnectionLost
            : StoreErrorKind.Bug;
    }

    /// <summary>Severity 20 and above ends the connection (SQL Server's "fatal" classes); 0 is SqlClient's own connection-level number.</summary>
    private static bool IsConnectionFatal(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Any(error => error.Number == 0 && error.Class >= 20);

    // "Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool."
    private static bool IsPoolTimeout(Exception exception) =>
        exception.Source == typeof(SqlConnection).Assembly.GetName().Name
        && exception.Message.Contains("obtaining a connection from the pool", StringComparison.Ordinal);

    private static IEnumerable<int> Numbers(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Select(error => error.Number);
}
