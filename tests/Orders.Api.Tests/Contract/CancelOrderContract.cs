using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// POST /orders/{clientReference}/cancellation: a placed order is cancelled exactly once. The first
/// cancel gets 200 with the cancelled order and a new tag; every later one 409 ORDER_ALREADY_CANCELLED
/// built from the stored order; a stale If-Match 412 with the current order. Concurrent cancels wait
/// on the row lock: one 200, the rest 409.
/// </summary>
public abstract class CancelOrderContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Cancel_OfAPlacedOrder_Is200_WithTheCancelledOrder_AndANewTag_ThenEveryRepeatIs409_NamingTheCancel()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var placedTag = await client.PlaceAsync(reference);

        var cancelled = await client.CancelOrderAsync(reference, "Ordered the wrong size");
        var repeat = await client.CancelOrderAsync(reference, "Ordered the wrong size");
        var other = await client.CancelOrderAsync(reference);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var order = await cancelled.ReadJsonAsync();
        Assert.Equal("cancelled", (string?)order["status"]);
        Assert.Equal("Ordered the wrong size", (string?)order["cancellationReason"]);
        var cancelledAt = (DateTime)order["cancelledAt"]!;
        Assert.NotEqual(placedTag, cancelled.Headers.ETag!.ToString());
        Assert.Equal(cancelled.Headers.ETag!.ToString(), (string?)order["etag"]);

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal("application/problem+json", repeat.Content.Headers.ContentType!.MediaType);
        var problem = await repeat.ReadJsonAsync();
        Assert.Equal("ORDER_ALREADY_CANCELLED", (string?)problem["code"]);
        Assert.Equal((string?)order["orderId"], (string?)problem["orderId"]);
        Assert.EndsWith($"/orders/{reference}", (string?)problem["orderUrl"], StringComparison.Ordinal);
        Assert.Equal(cancelledAt, (DateTime)problem["cancelledAt"]!);
        Assert.Equal(order["etag"]!.ToString(), (string?)problem["etag"]);
        Assert.True((bool)problem["sameRequest"]!);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.False((bool)(await other.ReadJsonAsync())["sameRequest"]!);

        // The stored order is the 200's, and the old tag is stale for a conditional GET.
        var found = await client.GetAsync($"/orders/{reference}", Ct);
        Assert.Equal(order.ToJsonString(), (await found.ReadJsonAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetOrderIfNoneMatchAsync(reference, placedTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await client.GetOrderIfNoneMatchAsync(reference, cancelled.Headers.ETag!.ToString())).StatusCode);
    }

    [Fact]
    public async Task Cancel_WithoutABody_OrWithAnEmptyObject_CancelsWithoutAReason()
    {
        var client = StartApi();
        var bare = OrderRequests.NewReference();
        var empty = OrderRequests.NewReference();
        await client.PlaceAsync(bare);
        await client.PlaceAsync(empty);

        var withoutBody = await client.CancelOrderAsync(bare);
        var withEmptyObject = await client.CancelOrderAsync(empty, new JsonObject());

        foreach (var response in new[] { withoutBody, withEmptyObject })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var order = await response.ReadJsonAsync();
            Assert.Equal("cancelled", (string?)order["status"]);
            Assert.Null(order["cancellationReason"]);
        }
    }

    [Fact]
    public async Task Cancel_OfAnUnknownOrder_Is404_AndOfAnotherOwnersOrder_Is404_Too()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PlaceAsync(reference);
        var stranger = StartApi();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Mint("owner-grace"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.CancelOrderAsync(OrderRequests.NewReference())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.CancelOrderAsync(reference)).StatusCode);
        Assert.Equal("placed", (string?)(await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Theory]
    [InlineData("{\"reason\": \"\"}", "reason")]
    [InlineData("{\"reason\": \"   \"}", "reason")]
    [InlineData("{\"reason\": 42}", "reason")]
    [InlineData("{\"why\": \"no\"}", "why")]
    [InlineData("[]", "$")]
    public async Task Cancel_WithABodyThatBreaksTheRules_Is400_AndCancelsNothing(string body, string field)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PlaceAsync(reference);

        var response = await client.CancelOrderAsync(reference, JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal("placed", (string?)(await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Cancel_WithAReasonLongerThan500Characters_Is400()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PlaceAsync(reference);

        var atLimit = await client.CancelOrderAsync(reference, new string('é', 501));

        Assert.Equal(HttpStatusCode.BadRequest, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(reference, new string('é', 500))).StatusCode);
    }

    [Theory]
    [InlineData("{current}")]
    [InlineData("*")]
    [InlineData("\"other\", {current}")]
    public async Task Cancel_WithAnIfMatchNamingTheCurrentVersion_Is200(string condition)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.CancelOrderAsync(reference, ifMatch: condition.Replace("{current}", tag, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"0196a0b0c0d0e0f00000000000000000.1\"")]
    [InlineData("W/{current}")] // If-Match compares strongly (RFC 9110 §13.1.1)
    [InlineData("not a tag")]
    public async Task Cancel_WithAStaleIfMatch_Is412_WithTheCurrentOrderAndTag_AndCancelsNothing(string condition)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.CancelOrderAsync(reference, ifMatch: condition.Replace("{current}", tag, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(tag, response.Headers.ETag!.ToString());
        var problem = await response.ReadJsonAsync();
        Assert.Equal("PRECONDITION_FAILED", (string?)problem["code"]);
        Assert.Equal(tag, (string?)problem["etag"]);
        Assert.Equal("placed", (string?)problem["order"]!["status"]);
        Assert.Equal(tag, (string?)problem["order"]!["etag"]);
        Assert.Null(problem["alreadyApplied"]);
        Assert.Equal("placed", (string?)(await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task Cancel_RetriedWithThePlacedTag_AfterTheCancelWon_Is409_NotA412()
    {
        // A client whose 200 was lost retries exactly what it sent: it must learn "cancelled", not "stale".
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(reference, "changed my mind", tag)).StatusCode);

        var retry = await client.CancelOrderAsync(reference, "changed my mind", tag);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        var problem = await retry.ReadJsonAsync();
        Assert.Equal("ORDER_ALREADY_CANCELLED", (string?)problem["code"]);
        Assert.True((bool)problem["sameRequest"]!);
    }

    [Fact]
    public async Task FiftyConcurrentCancels_OfOneOrder_GiveOne200_And49Conflicts_NamingTheOneCancel()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PlaceAsync(reference);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.CancelOrderAsync(reference, $"reason {i}")));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        Assert.Equal(49, responses.Count(response => response.StatusCode == HttpStatusCode.Conflict));
        var winner = await responses.Single(response => response.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
        foreach (var conflict in responses.Where(response => response.StatusCode == HttpStatusCode.Conflict))
        {
            // Each 409 was built after the winner committed: it names the winner's cancel.
            var problem = await conflict.ReadJsonAsync();
            Assert.Equal((string?)winner["cancellationReason"], (string?)problem["cancellationReason"]);
            Assert.Equal((string?)winner["etag"], (string?)problem["etag"]);
        }
        Assert.Equal((string?)winner["etag"], (string?)(await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["etag"]);
    }
}
