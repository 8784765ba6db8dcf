namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The TDS engine the SQL Server suites run on, and where it differs from SQL Server in ways the
/// product cannot bridge. SQL Server's semantics are what the suites assert; an engine that differs
/// declares it here, with the reason and the upstream issue, and a test that depends on the
/// difference asserts the engine's documented behaviour instead, never nothing (efcore's style).
/// </summary>
public sealed record SqlServerEngine
{
    public static readonly SqlServerEngine SqlServer = new() { Name = "SQL Server" };

    public static readonly SqlServerEngine Babelfish = new()
    {
        Name = "Babelfish for PostgreSQL",
        SkipsRowsLockedByOthers = false,
        DropsDefaultConstraints = false,
        SessionsStartWarm = false,
        RequestTimeoutSeconds = 60,
    };

    public required string Name { get; init; }

    /// <summary>
    /// READPAST passes over rows another transaction has locked, so a competing outbox relay takes the
    /// next rows at once instead of waiting for the holder's round to end. Babelfish accepts every
    /// table hint and ignores it (escape hatch escape_hatch_table_hints, default "ignore"; upstream:
    /// babelfish-for-postgresql/babelfish_extensions#88 and #2132): there the competing relay's
    /// UPDATE waits on PostgreSQL's row lock and then re-checks the row. The claim is correct either
    /// way, no row goes to two relays; only the waiting differs.
    /// </summary>
    public bool SkipsRowsLockedByOthers { get; init; } = true;

    /// <summary>
    /// ALTER TABLE … DROP CONSTRAINT removes a default constraint. Babelfish names defaults itself and
    /// refuses to drop them ("constraint … does not exist"; upstream:
    /// babelfish-for-postgresql/babelfish_extensions#4316), so sql/sqlserver/0003 leaves its
    /// placeholder default on order_lines.owner_id there (every insert names the column anyway).
    /// </summary>
    public bool DropsDefaultConstraints { get; init; } = true;

    /// <summary>
    /// A new session's first batches cost what later ones do: SQL Server's plan cache is shared by
    /// every session. Babelfish runs each connection as a PostgreSQL backend that parses T-SQL with
    /// its own ANTLR parser state, so a fresh connection's first create batch cost 1.8-7.4 s there
    /// (measured at load 39 on 2 cores; the same batch on a warm connection 5-130 ms). A storm on
    /// freshly started instances then spends its client's patience on cold backends, not on the key.
    /// The app warms its pool before it says ready (Storage/SqlServer/SqlServerWarmUp) because of it.
    /// </summary>
    public bool SessionsStartWarm { get; init; } = true;

    /// <summary>
    /// Storage:RequestTimeoutSeconds the suites run the API with; null: the product's default (8 s).
    /// On Babelfish a cold backend's first batch (<see cref="SessionsStartWarm"/>) and its logins take
    /// seconds under a parallel test run on 2 cores, so the default deadline would answer 503 for the
    /// engine's start-up cost, which SQL Server does not have; the deadline itself is proven on
    /// PostgreSQL (FrozenDatabaseTests, StoreErrorTests) and by the unit tests of TransientRetry.
    /// </summary>
    public int? RequestTimeoutSeconds { get; init; }

    /// <summary>Read from <c>@@VERSION</c>, which Babelfish answers with its own name.</summary>
    public static SqlServerEngine FromVersion(string version) =>
        version.Contains("Babelfish", StringComparison.OrdinalIgnoreCase) ? Babelfish : SqlServer;
}
