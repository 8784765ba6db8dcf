namespace Orders.FaultTests.Harness.Citus;

/// <summary>
/// Where this machine's Citus build is: a PostgreSQL server's bin directory (Debian's layout,
/// /usr/lib/postgresql/&lt;major&gt;/bin) whose sibling lib directory holds citus.so, the extension the
/// node fault tests preload into a cluster of their own. The newest such server wins.
/// </summary>
public static class LocalCitusInstall
{
    /// <summary>The name the node fault tests skip under, and that ORDERS_TEST_REQUIRE may list.</summary>
    public const string RequirementName = "citus-faults";

    private const string PostgreSqlRoot = "/usr/lib/postgresql";

    /// <summary>The bin directory of a server with Citus installed, or null.</summary>
    public static string? BinDirectory { get; } = Find();

    /// <summary>
    /// Null when a cluster can be started here; otherwise why not. Only where the Citus suites are
    /// asked for (ORDERS_TEST_CITUS set, as for every other Citus suite): three nodes and three APIs
    /// under load are minutes of a small machine, and a machine that merely has the build should not
    /// pay them in every test run.
    /// </summary>
    public static string? UnavailableReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CitusSuitesVariable))
            ? $"{CitusSuitesVariable} is not set: the node fault tests run only with the Citus suites"
            : BinDirectory is null
                ? $"Citus is not installed for any PostgreSQL server under {PostgreSqlRoot} (no <major>/lib/citus.so)"
                : null;

    private const string CitusSuitesVariable = "ORDERS_TEST_CITUS";

    private static string? Find() =>
        Directory.Exists(PostgreSqlRoot)
            ? Directory.GetDirectories(PostgreSqlRoot)
                .Where(version => File.Exists(Path.Combine(version, "bin", "initdb")) && File.Exists(Path.Combine(version, "lib", "citus.so")))
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .Select(version => Path.Combine(version, "bin"))
                .FirstOrDefault()
            : null;
}
