using Npgsql;
using Orders.Api.Storage.PostgreSql;

namespace Orders.Api.Tests.Unit;

public sealed class PostgreSqlDataSourceTests
{
    [Fact]
    public void Create_WithoutEitherSetting_PreparesStatementsAndSkipsTheSessionReset()
    {
        using var dataSource = PostgreSqlDataSource.Create("Host=127.0.0.1;Username=orders");

        Assert.Contains($"Max Auto Prepare={PostgreSqlDataSource.DefaultMaxAutoPrepare}", dataSource.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("No Reset On Close=True", dataSource.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=127.0.0.1;maxautoprepare=0;NoResetOnClose=false")]
    public void Create_WhenTheConnectionStringNamesTheSettings_KeepsItsValues(string connectionString)
    {
        using var dataSource = PostgreSqlDataSource.Create(connectionString);

        Assert.Contains("Max Auto Prepare=0", dataSource.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("No Reset On Close=True", dataSource.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePoolSize_BoundsThePool_UnlessTheStringNamesOne()
    {
        const string configured = "Host=127.0.0.1;Database=orders;Username=app";

        Assert.Equal(16, new NpgsqlConnectionStringBuilder(PostgreSqlDataSource.Configure(configured, null, poolSize: 16)).MaxPoolSize);
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(PostgreSqlDataSource.Configure(configured + ";Maximum Pool Size=40", null, poolSize: 16)).MaxPoolSize);
        Assert.Equal(100, new NpgsqlConnectionStringBuilder(PostgreSqlDataSource.Configure(configured, null)).MaxPoolSize);
    }
}
