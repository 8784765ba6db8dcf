using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// An instance opens and warms its pool before it says ready (Storage:PoolSize, Storage:WarmUpSeconds),
/// and the warm-up, which sends the create's own statements on SQL Server, leaves nothing stored.
/// </summary>
public abstract class PoolWarmUpContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnInstance_IsReadyOnlyOnceItsPoolIsWarm_AndTheWarmUpStoresNothing()
    {
        // Given an instance that warms 4 sessions
        var logs = new CapturingLoggerProvider();
        var factory = StartFactory(
            new Dictionary<string, string?> { ["Storage:WarmUpSeconds"] = "60", ["Storage:PoolSize"] = "4" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();
        var before = await Database.CountAllRowsAsync();

        // when it becomes ready
        var ready = await Readiness.WaitForReadyAsync(client, ReadyWithin, Ct) == HttpStatusCode.OK;

        // then it did after its pool was warm (SQLite has no sessions to warm), with nothing stored by
        // the warm-up, and it serves at once.
        Assert.True(ready, "/health/ready did not answer 200 within " + ReadyWithin);
        if (Database.Provider != Api.Storage.StorageProvider.Sqlite)
        {
            var warmed = Assert.Single(logs.Entries, entry => entry.EventId.Id == 40);
            Assert.StartsWith("Connection pool warmed: 4 connections in ", warmed.Message, StringComparison.Ordinal);
            TestContext.Current.SendDiagnosticMessage($"{Database.Name}: {warmed.Message}");
        }
        Assert.Equal(before, await Database.CountAllRowsAsync());
        var created = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
