using System.Data.Common;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

/// <summary>The SQL Server fixture's teardown, with the server's answers played by a fake.</summary>
public sealed class SqlServerDatabaseDropTests
{
    [Fact]
    public async Task Drop_EndsOtherSessionsFirst_ThenDrops()
    {
        var sent = new List<string>();

        await SqlServerDatabaseDrop.DropAsync(statement => { sent.Add(statement); return Task.CompletedTask; }, "orders_test_1");

        Assert.Equal(
            ["ALTER DATABASE [orders_test_1] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;", "DROP DATABASE [orders_test_1];"],
            sent);
    }

    [Fact]
    public async Task Drop_WhenSingleUserIsRefused_StillDropsTheDatabase()
    {
        var sent = new List<string>();

        await SqlServerDatabaseDrop.DropAsync(statement =>
        {
            sent.Add(statement);
            return statement.StartsWith("ALTER", StringComparison.Ordinal)
                ? throw new RefusedByServer("'SET SINGLE_USER' is not currently supported in Babelfish")
                : Task.CompletedTask;
        }, "orders_test_2");

        Assert.Equal("DROP DATABASE [orders_test_2];", sent.Last());
    }

    [Fact]
    public async Task Drop_WhenTheDropItselfFails_Throws()
    {
        // A teardown that could not drop must say so, not pass silently and leave the database.
        await Assert.ThrowsAsync<RefusedByServer>(() => SqlServerDatabaseDrop.DropAsync(
            statement => statement.StartsWith("DROP", StringComparison.Ordinal) ? throw new RefusedByServer("in use") : Task.CompletedTask,
            "orders_test_3"));
    }

    private sealed class RefusedByServer(string message) : DbException(message);
}
