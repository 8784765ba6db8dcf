using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>POST /orders and GET /orders/{clientReference}: the exactly-once contract, on every store.</summary>
public abstract class CreateOrderContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Post_NewReference_Returns201WithTheOrder_AndGetReturnsTheSameRepresentation()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();

        var response = await client.PostOrderAsync(OrderRequests.Valid(reference));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/orders/{reference}", response.Headers.Location?.OriginalString);
        var created = await response.ReadJsonAsync();
        Assert.Equal(reference, (string?)created["clientReference"]);
        Assert.Equal("placed", (string?)created["status"]);
        Assert.Equal("EUR", (string?)created["currency"]);
        Assert.Equal("ada@example.com", (string?)created["customer"]!["email"]);
        Assert.Equal("GB", (string?)created["shippingAddress"]!["country"]);
        Assert.Null(created["shippingAddress"]!["line2"]);
        Assert.Equal(7, Guid.Parse((string)created["orderId"]!).Version);
        var lines = created["lines"]!.AsArray();
        Assert.Equal([3998L, 500L], lines.Select(line => (long)line!["lineTotal"]!));
        Assert.Equal(4498L, (long)created["total"]!);
        var createdAt = (string)created["createdAt"]!;
        Assert.EndsWith("Z", createdAt, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        var lookup = await client.GetAsync(response.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.True(JsonNode.DeepEquals(created, await lookup.ReadJsonAsync()), "GET must show the 201 representation");
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Post_SameReferenceSameBody_Returns409SameRequestTrue_NamingTheFirstOrder()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var first = await (await client.PostOrderAsync(OrderRequests.Valid(reference))).ReadJsonAsync();

        var retry = await client.PostOrderAsync(OrderRequests.Valid(reference));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"/orders/{reference}", retry.Headers.Location?.OriginalString);
        var problem = await retry.ReadJsonAsync();
        Assert.Equal("/problems/duplicate-idempotency-key", (string?)problem["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(409, (int?)problem["status"]);
        Assert.Equal("DUPLICATE_IDEMPOTENCY_KEY", (string?)problem["code"]);
        Assert.Equal(reference, (string?)problem["clientReference"]);
        Assert.Equal((string?)first["orderId"], (string?)problem["orderId"]);
        Assert.Equal($"/orders/{reference}", (string?)problem["orderUrl"]);
        Assert.Equal((string?)first["createdAt"], (string?)problem["createdAt"]);
        Assert.True((bool?)problem["sameRequest"]);
        Assert.Equal((1, 2), await Database.CountRowsAsync(Owner, reference));
    }

    [Fact]
    public async Task Post_SameReferenceDifferentBody_Returns409SameRequestFalse_AndTheStoredOrderIsUnchanged()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var first = await (await client.PostOrderAsync(OrderRequests.Valid(reference))).ReadJsonAsync();
        var changed = OrderRequests.Valid(reference);
        changed["lines"]![0]!["quantity"] = 3;

        var reuse = await client.PostOrderAsync(changed);

        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        var problem = await reuse.ReadJsonAsync();
        Assert.Equal("DUPLICATE_IDEMPOTENCY_KEY", (string?)problem["code"]);
        Assert.False((bool?)problem["sameRequest"]);
        Assert.Equal((string?)first["orderId"], (string?)problem["orderId"]);
        var stored = await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(first, stored), "a reused reference must not change the stored order");
    }

    [Theory]
    [InlineData("currency")]
    [InlineData("customer.name")]
    [InlineData("shippingAddress.line1")]
    [InlineData("lines[1].unitPrice")]
    [InlineData("lines[0].sku")]
    public async Task Post_SameReferenceWithOneFieldChanged_IsNotTheSameRequest(string field)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PostOrderAsync(OrderRequests.Valid(reference));
        var changed = OrderRequests.Valid(reference);
        OrderMutations.Set(changed, field, field == "currency" ? "USD" : field.EndsWith("unitPrice", StringComparison.Ordinal) ? 501 : "Other");

        var problem = await (await client.PostOrderAsync(changed)).ReadJsonAsync();

        Assert.False((bool?)problem["sameRequest"]);
    }

    [Fact]
    public async Task Get_UnknownReference_Returns404OrderNotFound()
    {
        var client = StartApi();

        var response = await client.GetAsync($"/orders/{OrderRequests.NewReference()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("ORDER_NOT_FOUND", (string?)problem["code"]);
        ProblemWording.AssertFitsALookup(problem);
    }

    [Fact]
    public async Task Post_IdempotencyKeyHeaderAlone_CreatesTheOrderUnderThatReference()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var body = OrderRequests.Valid(reference);
        body.Remove("clientReference");

        var response = await client.PostOrderAsync(body, idempotencyKey: reference);
        var retryWithQuotedKey = await client.PostOrderAsync(body, idempotencyKey: $"\"{reference}\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(reference, (string?)(await response.ReadJsonAsync())["clientReference"]);
        Assert.Equal(HttpStatusCode.Conflict, retryWithQuotedKey.StatusCode);
        Assert.True((bool?)(await retryWithQuotedKey.ReadJsonAsync())["sameRequest"]);
    }

    [Fact]
    public async Task Post_IdempotencyKeyHeaderEqualToBody_IsAccepted()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();

        var response = await client.PostOrderAsync(OrderRequests.Valid(reference), idempotencyKey: reference);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_IdempotencyKeyHeaderDisagreeingWithBody_Returns400_AndStoresNothing()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();

        var response = await client.PostOrderAsync(OrderRequests.Valid(reference), idempotencyKey: OrderRequests.NewReference());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]!["clientReference"]);
        Assert.Equal((0, 0), await Database.CountRowsAsync(Owner, reference));
    }
}
