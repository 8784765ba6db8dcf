using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

public sealed class LoggingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task CreatedAndDuplicate_EachLogOneStructuredLine_AndNoLineHoldsTheCustomersEmail()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString,
            services: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();

        var created = await (await client.PostOrderAsync(OrderRequests.Valid(reference))).ReadJsonAsync();
        await client.PostOrderAsync(OrderRequests.Valid(reference));

        var createdLine = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1 && Equals(entry.Fields.GetValueOrDefault("ClientReference"), reference));
        Assert.Equal((string?)created["orderId"], createdLine.Fields["OrderId"]?.ToString());
        Assert.Matches("^[0-9a-f]{32}$", createdLine.Fields["TraceId"]?.ToString());
        var duplicateLine = Assert.Single(logs.Entries, entry => entry.EventId.Id == 2 && Equals(entry.Fields.GetValueOrDefault("ClientReference"), reference));
        Assert.Equal(true, duplicateLine.Fields["SameRequest"]);
        Assert.Equal((string?)created["orderId"], duplicateLine.Fields["OrderId"]?.ToString());
        Assert.DoesNotContain(logs.Entries, entry =>
            entry.Message.Contains("ada@example.com", StringComparison.OrdinalIgnoreCase)
            || entry.Fields.Values.Any(value => value?.ToString()?.Contains("ada@example.com", StringComparison.OrdinalIgnoreCase) == true));
    }
}
