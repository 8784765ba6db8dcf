using Orders.Api.Storage.PostgreSql;

namespace Orders.Api.Tests.Unit;

public sealed class PostgreSqlDataSourceTests
{
    [Fact]
    public void Create_WithoutMaxAutoPrepare_PreparesTheStoresStatementsAutomatically()
    {
        using var dataSource = PostgreSqlDataSource.Create("Host=127.0.0.1;Username=orders");

        Assert.Contains($"Max Auto Prepare={PostgreSqlDataSource.DefaultMaxAutoPrepare}", dataSource.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0")]
    [InlineData("Host=127.0.0.1;maxautoprepare=0")]
    public void Create_WhenTheConnectionStringSetsMaxAutoPrepare_KeepsIt(string connectionString)
    {
        using var dataSource = PostgreSqlDataSource.Create(connectionString);

        Assert.Contains("Max Auto Prepare=0", dataSource.ConnectionString, StringComparison.Ordinal);
    }
}
