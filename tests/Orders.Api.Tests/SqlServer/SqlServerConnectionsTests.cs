using Microsoft.Data.SqlClient;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Tests.SqlServer;

/// <summary>What the store adds to the configured connection string, and that an operator's own choice wins.</summary>
public sealed class SqlServerConnectionsTests
{
    private const string Configured = "Server=tcp:127.0.0.1,1433;Database=orders;User ID=app;Password=unused";

    [Fact]
    public void PoolNeverBlocks_SoAnOutageEndsForTheApiWhenTheServerIsBack()
    {
        // With SqlClient's default the pool rethrows the first failed open's error to every open for
        // 5 s to 60 s: the SQL Server outage fault test saw 503s (then 500s) long after the server returned.
        var configured = new SqlConnectionStringBuilder(SqlServerConnections.Configure(Configured));

        Assert.Equal(PoolBlockingPeriod.NeverBlock, configured.PoolBlockingPeriod);
        Assert.Equal("Orders.Api", configured.ApplicationName);
    }

    [Fact]
    public void TheOperatorsOwnSettings_Win()
    {
        var configured = new SqlConnectionStringBuilder(SqlServerConnections.Configure(
            Configured + ";Pool Blocking Period=AlwaysBlock;Application Name=checkout"));

        Assert.Equal(PoolBlockingPeriod.AlwaysBlock, configured.PoolBlockingPeriod);
        Assert.Equal("checkout", configured.ApplicationName);
    }

    [Fact]
    public void ThePoolSize_BoundsThePool_UnlessTheStringNamesOne()
    {
        // A burst waits for one of Storage:PoolSize sessions instead of starting up to 100 per instance.
        Assert.Equal(16, new SqlConnectionStringBuilder(SqlServerConnections.Configure(Configured, poolSize: 16)).MaxPoolSize);
        Assert.Equal(40, new SqlConnectionStringBuilder(SqlServerConnections.Configure(Configured + ";Max Pool Size=40", poolSize: 16)).MaxPoolSize);
        Assert.Equal(100, new SqlConnectionStringBuilder(SqlServerConnections.Configure(Configured, poolSize: 0)).MaxPoolSize);
    }
}
