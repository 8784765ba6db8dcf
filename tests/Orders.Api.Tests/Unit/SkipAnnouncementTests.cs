using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

public sealed class SkipAnnouncementTests
{
    [Theory]
    [InlineData("sqlserver", "ORDERS_TEST_SQLSERVER", "Docker")]
    [InlineData("postgresql", "ORDERS_TEST_POSTGRES", "postgresql")]
    [InlineData("citus", "ORDERS_TEST_CITUS=", "docs/operations.md#scaling-out")]
    [InlineData("citus-faults", "ORDERS_FAULT_CITUS_PORT", "citus.so")]
    [InlineData("rabbitmq", "ORDERS_TEST_RABBITMQ", "rabbitmq-server")]
    public void ASkippedDatabase_IsAnnouncedWithItsReason_AndHowToRunIt(string database, string variable, string install)
    {
        var line = TestRequirements.SkipAnnouncement(database, "the reason it is unavailable");

        Assert.StartsWith($"SKIPPED: every {database} test", line, StringComparison.Ordinal);
        Assert.Contains("the reason it is unavailable", line, StringComparison.Ordinal);
        Assert.Contains(variable, line, StringComparison.Ordinal);
        Assert.Contains(install, line, StringComparison.Ordinal);
        Assert.Contains($"ORDERS_TEST_REQUIRE={database}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonOfManyLines_IsCutToItsFirst()
    {
        var line = TestRequirements.SkipAnnouncement("sqlserver", "the first line\nthe library's advice\nmore advice");

        Assert.Contains("(the first line)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("advice", line, StringComparison.Ordinal);
    }
}
