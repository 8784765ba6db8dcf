using System.Collections.Frozen;
using System.Net.Sockets;
using Npgsql;

namespace Orders.Api.Storage.Errors;

/// <summary>
/// What PostgreSQL's and Citus's errors mean for the client, by SQLSTATE (docs/operations.md, Store
/// errors). Citus reports a worker's failure from the coordinator, often as XX000 with libpq's text,
/// so a few of its messages are recognised too.
/// </summary>
internal static class PostgreSqlErrors
{
    private static readonly FrozenDictionary<string, StoreErrorKind> BySqlState = new Dictionary<string, StoreErrorKind>
    {
        ["40001"] = StoreErrorKind.Conflict,        // serialization_failure
        ["40P01"] = StoreErrorKind.Conflict,        // deadlock_detected (Citus: also a distributed deadlock)
        ["55P03"] = StoreErrorKind.Conflict,        // lock_not_available (lock_timeout)
        ["53000"] = StoreErrorKind.Busy,            // insufficient_resources
        ["53100"] = StoreErrorKind.Busy,            // disk_full
        ["53200"] = StoreErrorKind.Busy,            // out_of_memory
        ["53300"] = StoreErrorKind.Busy,            // too_many_connections
        ["53400"] = StoreErrorKind.Busy,            // configuration_limit_exceeded
        ["57014"] = StoreErrorKind.Timeout,         // query_canceled: statement_timeout, or an operator's pg_cancel_backend
        ["57P01"] = StoreErrorKind.NodeUnavailable, // admin_shutdown: pg_terminate_backend, a fast shutdown, a failover
        ["57P02"] = StoreErrorKind.NodeUnavailable, // crash_shutdown: another backend crashed, the server restarts
        ["57P03"] = StoreErrorKind.NodeUnavailable, // cannot_connect_now: starting up, in recovery
        ["58000"] = StoreErrorKind.NodeUnavailable, // system_error
        ["58030"] = StoreErrorKind.NodeUnavailable, // io_error
        ["25006"] = StoreErrorKind.NodeUnavailable, // read_only_sql_transaction: the connection reached a standby after a failover
        ["08001"] = StoreErrorKind.NodeUnavailable, // sqlclient_unable_to_establish_sqlconnection
        ["08004"] = StoreErrorKind.NodeUnavailable, // sqlserver_rejected_establishment_of_sqlconnection
        ["08007"] = StoreErrorKind.AmbiguousCommit, // transaction_resolution_unknown
        ["08P01"] = StoreErrorKind.Bug,             // protocol_violation: a malformed message is the client's fault
        ["28000"] = StoreErrorKind.Refused,         // invalid_authorization_specification
        ["28P01"] = StoreErrorKind.Refused,         // invalid_password
        ["3D000"] = StoreErrorKind.Refused,         // invalid_catalog_name: the database is gone
        ["57P04"] = StoreErrorKind.Refused,         // database_dropped
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Class 08 codes not listed above: the connection failed (08000, 08003, 08006).</summary>
    private const string ConnectionExceptionClass = "08";

    /// <summary>
    /// Citus, at COMMIT, when a shard placement's commit failed (placement_connection.c): whether the
    /// worker committed is unknown.
    /// </summary>
    internal const string CitusCommitFailed = "could not commit transaction for shard";

    /// <summary>
    /// Citus's words for a worker it cannot reach or lost (remote_commands.c, connection_management.c,
    /// adaptive_executor.c; 08006 for its own), and libpq's, which Citus passes on as XX000 when a
    /// worker's connection breaks mid-command.
    /// </summary>
    private static readonly string[] RemoteNodeLost =
    [
        "connection to the remote node",
        "connection establishment for node",
        "could not establish any connections to the node",
        "server closed the connection unexpectedly",
        "connection not open",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "terminating connection due to administrator command",
    ];

    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        PostgresException pg => Classify(pg),
        // Npgsql's own: the socket broke, a connect or read timed out, or the pool had no connection in time.
        NpgsqlException { InnerException: TimeoutException } => StoreErrorKind.Timeout,
        NpgsqlException { InnerException: IOException or SocketException } => StoreErrorKind.ConnectionLost,
        NpgsqlException { IsTransient: true } => StoreErrorKind.ConnectionLost,
        _ => StoreErrorKind.Bug,
    };

    private static StoreErrorKind Classify(PostgresException pg)
    {
        if (BySqlState.TryGetValue(pg.SqlState, out var kind))
        {
            return kind;
        }
        if (pg.SqlState.StartsWith(ConnectionExceptionClass, StringComparison.Ordinal))
        {
            return NamesRemoteNode(pg) ? StoreErrorKind.WorkerUnavailable : StoreErrorKind.ConnectionLost;
        }
        if (pg.SqlState == PostgresErrorCodes.InternalError)
        {
            if (pg.MessageText.StartsWith(CitusCommitFailed, StringComparison.Ordinal))
            {
                return StoreErrorKind.AmbiguousCommit;
            }
            if (NamesRemoteNode(pg))
            {
                return StoreErrorKind.WorkerUnavailable;
            }
        }
        return StoreErrorKind.Bug;
    }

    private static bool NamesRemoteNode(PostgresException pg) =>
        RemoteNodeLost.Any(text => pg.MessageText.Contains(text, StringComparison.Ordinal));
}
