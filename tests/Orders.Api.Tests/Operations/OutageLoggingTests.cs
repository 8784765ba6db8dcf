using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

public sealed class OutageLoggingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task AnOutageOf100Requests_Logs100ShortLines_AndTheFullExceptionOnce()
    {
        // Given an API whose store cannot be opened
        var logs = new CapturingLoggerProvider();
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.UnreachableConnectionString,
            new Dictionary<string, string?> { ["Storage:MigrateOnStartup"] = "false" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();

        // When 100 orders are sent during the outage
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);
        }

        // Then each 503 has one line naming the cause and the trace, with no stack, and one entry carries the stack
        var lines = logs.Entries.Where(entry => entry.EventId.Id == 20).ToList();
        Assert.Equal(100, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain('\n', line.Message);
            Assert.Matches("^[0-9a-f]{32}$", line.Fields["TraceId"]?.ToString());
            Assert.Contains("Exception", line.Fields["CauseType"]?.ToString(), StringComparison.Ordinal);
        });
        Assert.Single(await FullEntriesAsync(logs), entry => entry.Message.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOutagesFirst503_IsAnsweredWithoutWaitingForItsFullException_WhichIsLoggedAfter()
    {
        // Given an API whose store cannot be opened, and a log that takes its time over a full exception
        // (as formatting a first stack trace with its line numbers does on a busy machine)
        using var release = new ManualResetEventSlim();
        var logs = new CapturingLoggerProvider(holdEntry: entry => entry.EventId.Id == 21 ? release : null);
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.UnreachableConnectionString,
            new Dictionary<string, string?> { ["Storage:MigrateOnStartup"] = "false" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();

        // When the outage's first order is sent
        var answer = client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        // Then its 503 arrives while the full exception is still being written,
        var first = await answer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.DoesNotContain(logs.Entries, entry => entry.EventId.Id == 21);
        // and the full exception is logged once the log is done with it.
        release.Set();
        Assert.Single(await FullEntriesAsync(logs));
    }

    /// <summary>The outage's full exception entries, once the one the first 503 started has been written (bounded).</summary>
    private static async Task<List<CapturingLoggerProvider.Entry>> FullEntriesAsync(CapturingLoggerProvider logs)
    {
        for (var i = 0; i < 100 && !logs.Entries.Any(entry => entry.EventId.Id == 21); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return logs.Entries.Where(entry => entry.EventId.Id == 21).ToList();
    }
}
