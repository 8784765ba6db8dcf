using System.Collections.Concurrent;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// ORDERS_TEST_REQUIRE lists databases whose suites must run (e.g. "postgresql,sqlserver"). A database
/// named there that cannot be had fails its tests instead of skipping them: CI sets it so a missing
/// server can never pass silently.
/// </summary>
public static class TestRequirements
{
    public const string Variable = "ORDERS_TEST_REQUIRE";

    private static readonly Dictionary<string, string> HowToRun = new(StringComparer.OrdinalIgnoreCase)
    {
        ["postgresql"] = "install the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin, Debian package postgresql), " +
                         "or set ORDERS_TEST_POSTGRES to a connection string",
        ["sqlserver"] = "start Docker (the suite starts a SQL Server 2022 container itself, through Testcontainers), " +
                        "or set ORDERS_TEST_SQLSERVER to the connection string of a SQL Server whose login may create databases " +
                        "(see docs/testing.md#sql-server)",
        ["citus"] = "set ORDERS_TEST_CITUS='Host=…;Port=…;Username=…;Database=postgres' to the coordinator of a Citus cluster " +
                    "of yours, its workers registered (what the cluster needs: docs/operations.md#scaling-out)",
        ["citus-faults"] = "set ORDERS_TEST_CITUS as for the citus suites, on a machine whose local PostgreSQL server has Citus " +
                           "installed (citus.so in /usr/lib/postgresql/<major>/lib, from Citus's packages or built from source): " +
                           "the node fault tests start a 3-node cluster of their own from it " +
                           "(ORDERS_FAULT_CITUS_PORT=N puts it on ports N to N+3; see docs/testing.md#faults)",
        ["rabbitmq"] = "install the rabbitmq-server package (the suites start a node of their own), " +
                       "or set ORDERS_TEST_RABBITMQ to an AMQP URI",
    };

    /// <summary>The databases whose skip was already announced by this test assembly.</summary>
    private static readonly ConcurrentDictionary<string, bool> Announced = new(StringComparer.OrdinalIgnoreCase);

    public static bool IsRequired(string database) =>
        (Environment.GetEnvironmentVariable(Variable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(database, StringComparer.OrdinalIgnoreCase);

    /// <summary>Skips the running test with the reason, or fails it when the database is required.</summary>
    public static void SkipOrFailWhenUnavailable(string database, string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }
        if (IsRequired(database))
        {
            Assert.Fail($"{database} is required ({Variable}) but unavailable: {unavailableReason}");
        }
        // `dotnet test` lists skipped tests without their reason: say it once, with what would run them.
        if (Announced.TryAdd(database, true))
        {
            TestContext.Current.SendDiagnosticMessage(SkipAnnouncement(database, unavailableReason));
        }
        Assert.Skip($"{database} unavailable: {unavailableReason}");
    }

    /// <summary>
    /// The one line a test run prints for a database whose tests it skips; the run's summary
    /// (build/TestRunSummary.cs) repeats each distinct line once, after the totals.
    /// </summary>
    public static string SkipAnnouncement(string database, string unavailableReason) =>
        $"SKIPPED: every {database} test ({FirstLine(unavailableReason)}). To run them: " +
        $"{HowToRun.GetValueOrDefault(database, "make it available")}. ({Variable}={database} turns this skip into a failure.)";

    // A driver's or a library's message can run to paragraphs; the line keeps its first.
    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
