namespace Orders.FaultTests.Harness;

/// <summary>
/// How big each fault run is. ORDERS_FAULT_SCALE=full gives the sizes the issue asks for
/// (bench/run-fault-tests.sh sets it); anything else, or nothing, the reduced size that keeps a plain
/// `dotnet test` (and CI) fast. Both sizes run the same code and the same checks.
/// </summary>
public sealed record FaultScale(
    string Name,
    int InstanceReferences,
    int InstancePostsPerReference,
    int InstanceReferencesInFlight,
    int CrashKills,
    int CrashWorkers,
    int OutageWorkers,
    TimeSpan OutageLength,
    int AbortRequests,
    int AbortWorkers,
    int SerializationWaiters,
    TimeSpan NodeFaultWarmUp,
    int NodeFaultClientsPerOwner,
    TimeSpan NodeFaultLoadBefore,
    TimeSpan NodeFaultDown,
    TimeSpan NodeFaultLoadAfter,
    int TransitionKills,
    int CancelOrders,
    int CancelsPerOrder,
    int CancelWorkers,
    int ChangeWorkers,
    int ChangeOrdersPerWorker,
    int ChangesPerWorker,
    int WorkerOrders,
    int WorkerKills)
{
    public const string Variable = "ORDERS_FAULT_SCALE";

    public static readonly FaultScale Ci = new(
        "ci",
        InstanceReferences: 40,
        InstancePostsPerReference: 20,
        InstanceReferencesInFlight: 4,
        CrashKills: 5,
        CrashWorkers: 8,
        OutageWorkers: 8,
        // Longer than OutageTests' 3 s bound for one 503, so that requests sent while the database is
        // away are answered before it is back: with 2 s, on Babelfish under a full CI run, every
        // request of the window outlasted it (the window was empty in 2 of 4 fresh-clone runs).
        OutageLength: TimeSpan.FromSeconds(4),
        AbortRequests: 300,
        AbortWorkers: 8,
        SerializationWaiters: 20,
        NodeFaultWarmUp: TimeSpan.FromSeconds(3),
        NodeFaultClientsPerOwner: 4,
        NodeFaultLoadBefore: TimeSpan.FromSeconds(2),
        // Longer than a cut-off owner's 503 takes (three attempts; 3-4 s on 2 cores with 16 clients,
        // 3 APIs and 3 nodes running), so the window of requests sent and answered while the
        // worker is away is not empty: with 3 s it was in 4 of 4 runs.
        NodeFaultDown: TimeSpan.FromSeconds(6),
        NodeFaultLoadAfter: TimeSpan.FromSeconds(5),
        // Cancels and changes (issue 34): kills at shares of the load, so the load's size, not the
        // machine's speed, decides that they come mid-storm; a few hundred requests each.
        TransitionKills: 3,
        CancelOrders: 150,
        CancelsPerOrder: 4,
        CancelWorkers: 8,
        ChangeWorkers: 8,
        ChangeOrdersPerWorker: 3,
        ChangesPerWorker: 40,
        // The fulfilment worker's loop (issue 36): API, broker and worker in well under a minute.
        WorkerOrders: 120,
        WorkerKills: 1);

    public static readonly FaultScale Full = new(
        "full",
        InstanceReferences: 200,
        InstancePostsPerReference: 50,
        InstanceReferencesInFlight: 4,
        CrashKills: 5,
        CrashWorkers: 32,
        OutageWorkers: 32,
        OutageLength: TimeSpan.FromSeconds(5),
        AbortRequests: 3000,
        AbortWorkers: 32,
        SerializationWaiters: 50,
        // 10 s: with none, 3 API processes started a moment before and a new database took every
        // client at once; answers sent in the load's first seconds came past the deadline, before any
        // fault (24 of the 45 late answers in one run sent in its first second, none after the kill).
        NodeFaultWarmUp: TimeSpan.FromSeconds(10),
        NodeFaultClientsPerOwner: 16,
        NodeFaultLoadBefore: TimeSpan.FromSeconds(8),
        NodeFaultDown: TimeSpan.FromSeconds(10),
        NodeFaultLoadAfter: TimeSpan.FromSeconds(12),
        TransitionKills: 5,
        CancelOrders: 1000,
        CancelsPerOrder: 6,
        CancelWorkers: 32,
        ChangeWorkers: 32,
        ChangeOrdersPerWorker: 5,
        ChangesPerWorker: 150,
        WorkerOrders: 1000,
        WorkerKills: 3);

    public static FaultScale Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase) ? Full : Ci;
}
