using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Api.Storage;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Operations;

public sealed class LoggingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task CreatedAndDuplicate_EachLogOneStructuredLine_AndNoLineHoldsTheCustomersEmailOrAToken()
    {
        var logs = new CapturingLoggerProvider();
        // Everything logged at every level, so a leak at Debug or Trace would be caught too.
        await using var factory = new OrdersApiFactory(StorageProvider.Sqlite, database.ConnectionString,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();
        var reference = OrderRequests.NewReference();

        var created = await (await client.PostOrderAsync(OrderRequests.Valid(reference))).ReadJsonAsync();
        await client.PostOrderAsync(OrderRequests.Valid(reference));
        // Refused tokens are the ones most likely to be logged while explaining why.
        var expired = TestTokens.Mint(expires: DateTime.UtcNow.AddHours(-1));
        await factory.CreateClientWithToken(expired).PostOrderAsync(OrderRequests.Valid(reference));
        var tokens = new[] { client.DefaultRequestHeaders.Authorization!.Parameter!, expired };

        var createdLine = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1 && Equals(entry.Fields.GetValueOrDefault("ClientReference"), reference));
        Assert.Equal((string?)created["orderId"], createdLine.Fields["OrderId"]?.ToString());
        Assert.Matches("^[0-9a-f]{32}$", createdLine.Fields["TraceId"]?.ToString());
        var duplicateLine = Assert.Single(logs.Entries, entry => entry.EventId.Id == 2 && Equals(entry.Fields.GetValueOrDefault("ClientReference"), reference));
        Assert.Equal(true, duplicateLine.Fields["SameRequest"]);
        Assert.Equal((string?)created["orderId"], duplicateLine.Fields["OrderId"]?.ToString());
        // A token's signature is the part that must never leak; its header and payload are only base64 JSON.
        var secrets = tokens.Select(token => token[(token.LastIndexOf('.') + 1)..]).Append("ada@example.com").ToList();
        Assert.Contains(logs.Entries, entry => entry.Category.Contains("JwtBearer", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => secrets.Any(secret =>
            entry.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)
            || entry.Fields.Values.Any(value => value?.ToString()?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true)));
    }
}
