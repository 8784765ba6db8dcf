namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// ORDERS_TEST_REQUIRE lists databases whose suites must run (e.g. "postgresql,sqlserver"). A database
/// named there that cannot be had fails its tests instead of skipping them: CI sets it so a missing
/// server can never pass silently.
/// </summary>
public static class TestRequirements
{
    public const string Variable = "ORDERS_TEST_REQUIRE";

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
        Assert.Skip($"{database} unavailable: {unavailableReason}");
    }
}
