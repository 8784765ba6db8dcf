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
        Assert.Single(logs.Entries, entry => entry.Message.Contains("   at ", StringComparison.Ordinal));
    }
}
