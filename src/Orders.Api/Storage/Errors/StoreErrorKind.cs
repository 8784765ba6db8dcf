namespace Orders.Api.Storage.Errors;

/// <summary>
/// What a database error means for the client (docs/operations.md, Store errors). Every kind but
/// <see cref="Bug"/> is a store failure: retried within the request's deadline, then answered 503
/// STORE_UNAVAILABLE with Retry-After. Only a bug is a 500.
/// </summary>
public enum StoreErrorKind
{
    /// <summary>Not a store failure: the same request would fail the same way again (our mistake).</summary>
    Bug,

    /// <summary>Lost a race with another transaction (deadlock, serialization, lock timeout); nothing was committed.</summary>
    Conflict,

    /// <summary>The server is up but has no room now (too many connections, out of resources, a locked file).</summary>
    Busy,

    /// <summary>A connect or a command ran out of time; a write may or may not have committed.</summary>
    Timeout,

    /// <summary>The connection broke under the request; other pooled connections to that server may be dead too.</summary>
    ConnectionLost,

    /// <summary>The server, or a node of the cluster behind it, is down, starting, shutting down or failing over.</summary>
    NodeUnavailable,

    /// <summary>
    /// A node behind the server is down or unreachable (a Citus worker), as the server itself reports
    /// over a sound connection: the coordinator and the pooled connections to it are fine.
    /// </summary>
    WorkerUnavailable,

    /// <summary>
    /// The commit's outcome is unknown (Citus: a shard placement failed at COMMIT). The retry of the
    /// same unit of work resolves it: the order's id is fixed before the first attempt, so a retry
    /// that meets its own order answers 201, and one that does not inserts it.
    /// </summary>
    AmbiguousCommit,

    /// <summary>The server refused the login or the database (password changed, database dropped): for an operator, not worth a retry.</summary>
    Refused,
}

public static class StoreErrorKinds
{
    /// <summary>A failure of the store rather than of our code: answered 503, never 500.</summary>
    public static bool IsStoreFailure(this StoreErrorKind kind) => kind != StoreErrorKind.Bug;

    /// <summary>Worth running the whole unit of work again.</summary>
    public static bool IsRetried(this StoreErrorKind kind) => kind is not (StoreErrorKind.Bug or StoreErrorKind.Refused);

    /// <summary>
    /// Pooled connections to the server are suspect: after a restart or failover every idle one is
    /// dead, and handing them out one by one would fail a request each. Not after a worker's failure
    /// that the server reported: clearing then made every retry log in to the coordinator again, and
    /// each new coordinator session connect to every worker, which under a Citus worker kill took the
    /// 2-core machine's CPU and slowed every owner's creates, not only the dead worker's.
    /// </summary>
    public static bool ClearsPool(this StoreErrorKind kind) => kind is StoreErrorKind.ConnectionLost or StoreErrorKind.NodeUnavailable;
}
