using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.Operations;

namespace Orders.Api.Tests.Events;

/// <summary>
/// A broker that cannot be reached changes nothing for clients: orders are accepted, readiness
/// holds, and the events wait where operators can see them (metrics, a stall warning).
/// </summary>
[Collection(RunAlone.Name)] // exact gauge values: no other app may count at the same time
public sealed class RelayWithoutBrokerTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrokerUnreachable_OrdersStillAccepted_ReadyStays200_AndTheBacklogAndStallAreVisible()
    {
        var logs = new CapturingLoggerProvider();
        var settings = EventSuite.Settings($"amqp://guest:guest@127.0.0.1:{PortAllocator.UnusedLoopbackPort()}/");
        settings["Events:StallAfterSeconds"] = "1";
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString, settings,
            services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();

        // Given orders placed while the relay cannot reach the broker
        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);

        // Then readiness does not depend on the broker, the metrics show the waiting events, and the stall is logged
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        var metrics = "";
        // The relay reads the backlog every 2 s.
        for (var i = 0; i < 100 && !System.Text.RegularExpressions.Regex.IsMatch(metrics, @"^orders_events_pending(\{[^}]*\})? 2\b", System.Text.RegularExpressions.RegexOptions.Multiline); i++)
        {
            await Task.Delay(100, Ct);
            metrics = await client.GetStringAsync("/metrics", Ct);
        }
        Assert.Equal(2, MetricsTests.Value(metrics, "orders_events_pending"));
        Assert.True(MetricsTests.Value(metrics, "orders_events_oldest_pending_age_seconds") > 0);
        Assert.True(MetricsTests.Value(metrics, "orders_events_relay_failures_total") >= 1);
        // Repeated once per stall period while it lasts; one of them has seen the backlog of 2.
        static bool StallWithBacklog(CapturingLoggerProvider.Entry entry) => entry.EventId.Id == 20 && Equals(entry.Fields["Pending"], 2L);
        for (var i = 0; i < 100 && !logs.Entries.Any(StallWithBacklog); i++)
        {
            await Task.Delay(100, Ct);
        }
        var stalled = Assert.Single(logs.Entries.Where(StallWithBacklog).Take(1));
        Assert.Equal(LogLevel.Warning, stalled.Level);
        Assert.Contains("stalled", stalled.Message, StringComparison.Ordinal);
    }
}
