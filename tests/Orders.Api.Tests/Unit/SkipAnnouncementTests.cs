using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

public sealed class SkipAnnouncementTests
{
    [Theory]
    [InlineData("sqlserver", "ORDERS_TEST_SQLSERVER", "Docker")]
    [InlineData("postgresql", "ORDERS_TEST_POSTGRES", "postgresql")]
    public void ASkippedDatabase_IsAnnouncedWithItsReason_AndHowToRunIt(string database, string variable, string install)
    {
        var line = TestRequirements.SkipAnnouncement(database, "the reason it is unavailable");

        Assert.StartsWith($"SKIPPED: every {database} test", line, StringComparison.Ordinal);
        Assert.Contains("the reason it is unavailable", line, StringComparison.Ordinal);
        Assert.Contains(variable, line, StringComparison.Ordinal);
        Assert.Contains(install, line, StringComparison.Ordinal);
        Assert.Contains($"ORDERS_TEST_REQUIRE={database}", line, StringComparison.Ordinal);
    }
}
