using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Api.Configuration;
using Orders.Api.Hosting;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

/// <summary>
/// Storage:MigrateOnStartup against a database that cannot be reached at start: the app serves 503s
/// and retries in the background; a mistake (no such database) found by a retry stops it with exit 1.
/// </summary>
public sealed class PostponedMigrationTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnreachableAtStart_ThenReachable_MigratesInTheBackground()
    {
        var migrator = new ScriptedMigrator([Refused()]);
        var (migration, lifetime) = Create(migrator);

        migration.Start();
        Assert.True(migration.IsPending);
        await WaitUntilAsync(() => !migration.IsPending);

        Assert.Equal(2, migrator.Attempts);
        Assert.Equal(0, migration.ExitCode);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task UnreachableAtStart_ThenNoSuchDatabase_StopsTheAppWithExitCode1()
    {
        var (migration, lifetime) = Create(new ScriptedMigrator([Refused(), NoSuchDatabase()]));

        migration.Start();
        await WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested);

        Assert.Equal(1, migration.ExitCode);
        Assert.True(migration.IsPending);
    }

    [Fact]
    public void NoSuchDatabaseAtStart_IsAStartupFailureNamingTheSetting()
    {
        var (migration, _) = Create(new ScriptedMigrator([NoSuchDatabase()]));

        var failure = Assert.Throws<StartupFailureException>(migration.Start);

        Assert.Contains("3D000", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Orders", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhilePostponed_TheOrderEndpointsAnswer503_EvenOnAnUnmigratedDatabaseThatAnswers()
    {
        // Given a database that answers but is not migrated, and a start-up migration that could not
        // reach it at first (so it will retry later),
        // (SQLite's "unreachable": still busy after its busy timeout).
        await using var factory = OrdersApiFactory.For(database, services: services =>
            services.AddSingleton<IDatabaseMigrator>(new ScriptedMigrator(Enumerable.Range(0, 100).Select(_ => new SqliteException("database is locked", 5)))));
        var client = factory.CreateClient();

        // when an order is placed or read before that retry succeeds,
        var post = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));
        var get = await client.GetAsync($"/orders/{OrderRequests.NewReference()}", Ct);

        // then 503 STORE_UNAVAILABLE with Retry-After, not a 500 from a missing table.
        foreach (var response in new[] { post, get })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.Equal("STORE_UNAVAILABLE", (string?)(await response.ReadJsonAsync())["code"]);
        }
    }

    private static (StartupMigration Migration, ApplicationLifetime Lifetime) Create(IDatabaseMigrator migrator)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var services = new ServiceCollection()
            .AddSingleton(new StorageOptions { Provider = StorageProvider.PostgreSql, MigrateOnStartup = true })
            .AddSingleton(new OrdersConnectionString("Host=127.0.0.1;Port=5432;Database=orders", "Host=127.0.0.1;Port=5432;Database=orders"))
            .AddSingleton(migrator)
            .BuildServiceProvider();
        return (new StartupMigration(services, lifetime, NullLogger<StartupMigration>.Instance), lifetime);
    }

    private static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static PostgresException NoSuchDatabase() => new("database \"orders\" does not exist", "FATAL", "FATAL", "3D000");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
