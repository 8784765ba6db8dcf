using System.Net;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Smoke;

/// <summary>
/// The deployed artifact on SQL Server with nothing listening on the server's port: no server needed,
/// so this runs everywhere. SqlClient is loaded and asked to connect, which is where a runtime
/// configuration SqlClient refuses (invariant globalization) crashed the process before any traffic.
/// </summary>
public sealed class SqlServerUnreachableSmoke
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]  // start-up migration postponed and retried in the background
    [InlineData(false)] // no start-up migration: the store itself meets the closed port
    public async Task DeployedArtifact_OnAClosedPort_StaysUp_NotReady_AndAnswers503WithRetryAfter(bool migrateOnStartup)
    {
        var port = PortAllocator.UnusedLoopbackPort();
        var settings = ProductionSettings.For(StorageProvider.SqlServer, SqlServerDatabase.ClosedPortConnectionString(port));
        settings["Storage__MigrateOnStartup"] = migrateOnStartup ? "true" : "false";

        await using var api = await ApiProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        using var client = ProductionSettings.ClientFor(api);

        await api.ExpectAliveDuringAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", Ct)).StatusCode);
            await AssertStoreUnavailableAsync(await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference())));
            await AssertStoreUnavailableAsync(await client.GetAsync($"/orders/{OrderRequests.NewReference()}", Ct));
        });
        Assert.False(api.HasExited);

        api.Terminate();
        var (exitCode, output) = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        StartupOutput.AssertNoCrash(output);
        if (migrateOnStartup)
        {
            // The operator is told, once, which server could not be reached and what the app does meanwhile.
            Assert.Contains($"Start-up migration postponed: Cannot reach SQL Server tcp:127.0.0.1,{port}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_OnAClosedPort_Exits1_WithOneLineNamingTheServer()
    {
        var port = PortAllocator.UnusedLoopbackPort();

        var (exitCode, output) = await ApiProcess.RunToExitAsync(
            ProductionSettings.For(StorageProvider.SqlServer, SqlServerDatabase.ClosedPortConnectionString(port)),
            TimeSpan.FromSeconds(60), "migrate");

        StartupOutput.AssertOneClearError(exitCode, output, $"Cannot reach SQL Server tcp:127.0.0.1,{port}, database orders");
    }

    private static async Task AssertStoreUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal("STORE_UNAVAILABLE", (string?)(await response.ReadJsonAsync())["code"]);
    }
}
