using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// PATCH /orders/{clientReference}: a merge patch of the customer's name and phone and the shipping
/// address, only with If-Match (428 without), applied exactly once: a stale tag gets 412 with the current
/// order and alreadyApplied, so a client whose 200 was lost learns from the 412 alone that its change is in.
/// </summary>
public abstract class ChangeOrderContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Change_WithoutIfMatch_Is428_AndChangesNothing()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), ifMatch: null);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal("PRECONDITION_REQUIRED", (string?)(await response.ReadJsonAsync())["code"]);
        Assert.Equal(tag, (await client.GetAsync($"/orders/{reference}", Ct)).Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Change_WithTheCurrentTag_Is200_MergesMemberByMember_AndGivesANewTag()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);
        var patch = new JsonObject
        {
            ["customer"] = new JsonObject { ["phone"] = null },
            ["shippingAddress"] = new JsonObject { ["city"] = "Leeds", ["line2"] = "Flat 3" },
        };

        var response = await client.ChangeOrderAsync(reference, patch, tag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.ReadJsonAsync();
        Assert.NotEqual(tag, response.Headers.ETag!.ToString());
        Assert.Equal(response.Headers.ETag!.ToString(), (string?)order["etag"]);
        Assert.Equal("Ada Lovelace", (string?)order["customer"]!["name"]); // left out: kept
        Assert.Null(order["customer"]!["phone"]); // null: removed
        Assert.Equal("ada@example.com", (string?)order["customer"]!["email"]);
        Assert.Equal("Leeds", (string?)order["shippingAddress"]!["city"]);
        Assert.Equal("Flat 3", (string?)order["shippingAddress"]!["line2"]);
        Assert.Equal("12 St James's Square", (string?)order["shippingAddress"]!["line1"]);
        Assert.Equal("placed", (string?)order["status"]);
        Assert.Equal(order.ToJsonString(), (await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task Change_AcceptsApplicationJson_AndRemovesTheAddress_WithNull()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.ChangeOrderAsync(reference, new JsonObject { ["shippingAddress"] = null }, tag, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.ReadJsonAsync())["shippingAddress"]);
    }

    [Fact]
    public async Task Change_RetriedWithTheOldTag_AfterItWasApplied_Is412_AlreadyApplied()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);
        var patch = TransitionRequests.NewCity("Leeds");
        var applied = await client.ChangeOrderAsync(reference, patch, tag);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);

        var retry = await client.ChangeOrderAsync(reference, patch, tag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, retry.StatusCode);
        var problem = await retry.ReadJsonAsync();
        Assert.Equal("PRECONDITION_FAILED", (string?)problem["code"]);
        Assert.True((bool)problem["alreadyApplied"]!);
        Assert.Equal(applied.Headers.ETag!.ToString(), (string?)problem["etag"]);
        Assert.Equal(applied.Headers.ETag!.ToString(), retry.Headers.ETag!.ToString());
        Assert.Equal("Leeds", (string?)problem["order"]!["shippingAddress"]!["city"]);
        // Applied once: the version moved once.
        Assert.Equal(applied.Headers.ETag, (await client.GetAsync($"/orders/{reference}", Ct)).Headers.ETag);
    }

    [Fact]
    public async Task TwoChanges_WithOneTag_GiveOne200_AndOne412_NotApplied_AndNoLostUpdate()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var responses = await Task.WhenAll(
            client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag),
            client.ChangeOrderAsync(reference, TransitionRequests.NewCity("York"), tag));

        var winner = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.PreconditionFailed);
        var winningCity = (string?)(await winner.ReadJsonAsync())["shippingAddress"]!["city"];
        var problem = await loser.ReadJsonAsync();
        Assert.False((bool)problem["alreadyApplied"]!);
        Assert.Equal(winningCity, (string?)problem["order"]!["shippingAddress"]!["city"]);
        Assert.Equal(winningCity, (string?)(await (await client.GetAsync($"/orders/{reference}", Ct)).ReadJsonAsync())["shippingAddress"]!["city"]);
    }

    [Fact]
    public async Task Change_OfACancelledOrder_Is409_NotChangeable_WithItsStatus()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        await client.PlaceAsync(reference);
        var cancelled = await client.CancelOrderAsync(reference);

        var response = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), cancelled.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("ORDER_NOT_CHANGEABLE", (string?)problem["code"]);
        Assert.Equal("cancelled", (string?)problem["orderStatus"]);
        Assert.Equal(cancelled.Headers.ETag!.ToString(), (string?)problem["etag"]);
    }

    [Fact]
    public async Task Change_OfAnUnknownOrder_Is404()
    {
        var client = StartApi();

        var response = await client.ChangeOrderAsync(OrderRequests.NewReference(), TransitionRequests.NewCity("Leeds"), "*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Change_ThatBreaksRules_Is400_WithEveryError_InOneAnswer_UnderTheCreatesRules()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);
        var patch = new JsonObject
        {
            ["currency"] = "USD",
            ["lines"] = new JsonArray(),
            ["customer"] = new JsonObject { ["email"] = "eve@example.com", ["phone"] = "call me", ["name"] = "" },
            ["shippingAddress"] = new JsonObject { ["line1"] = null, ["country"] = "de", ["planet"] = "Mars" },
        };

        var response = await client.ChangeOrderAsync(reference, patch, tag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(
            ["currency", "customer.email", "customer.name", "customer.phone", "lines", "shippingAddress.country", "shippingAddress.line1", "shippingAddress.planet"],
            errors.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Contains("cannot be changed", (string?)errors["customer.email"]![0], StringComparison.Ordinal);
        Assert.Contains("cannot be changed", (string?)errors["currency"]![0], StringComparison.Ordinal);
        Assert.Equal(tag, (await client.GetAsync($"/orders/{reference}", Ct)).Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"customer\": null}")]
    [InlineData("[]")]
    public async Task Change_ThatSetsNothing_OrRemovesTheCustomer_Is400(string patch)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.ChangeOrderAsync(reference, JsonNode.Parse(patch)!, tag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Change_OfPartOfAnAddress_OnAnOrderWithoutOne_Is400_ButAWholeAddressIsAdded()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference, body => body["shippingAddress"] = null);

        var partial = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag);
        var whole = await client.ChangeOrderAsync(reference, new JsonObject
        {
            ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Leeds", ["postalCode"] = "LS1 1AA", ["country"] = "GB" },
        }, tag);

        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.NotNull((await partial.ReadJsonAsync())["errors"]!["shippingAddress"]);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("Leeds", (string?)(await whole.ReadJsonAsync())["shippingAddress"]!["city"]);
    }

    [Fact]
    public async Task Change_AsTextPlain_Is415()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = await client.PlaceAsync(reference);

        var response = await client.ChangeOrderAsync(reference, TransitionRequests.NewCity("Leeds"), tag, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
