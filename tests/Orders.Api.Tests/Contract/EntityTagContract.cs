using System.Net;
using Orders.Api.Contracts;
using Orders.Api.Tests.Fixtures;
using Orders.Api.Tests.Mapping;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Every answer that carries an order carries its entity tag (the 201's and the 200's ETag header, the
/// etag field of the order, of each list item and of the 409), and GET /orders/{clientReference}
/// answers a matching If-None-Match with a bodiless 304, read from the version alone.
/// </summary>
public abstract class EntityTagContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task The201_TheGet_TheListItem_AndThe409_CarryTheSameStrongTag()
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();

        var created = await client.PostOrderAsync(OrderRequests.Valid(reference));
        var duplicate = await client.PostOrderAsync(OrderRequests.Valid(reference));
        var found = await client.GetAsync($"/orders/{reference}", Ct);
        var listed = (await (await client.GetAsync("/orders?limit=100", Ct)).ReadJsonAsync())["orders"]!.AsArray()
            .Single(item => (string?)item!["clientReference"] == reference)!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tag = created.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal(tag.ToString(), (string?)(await created.ReadJsonAsync())["etag"]);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(tag, found.Headers.ETag);
        Assert.Equal(tag.ToString(), (string?)(await found.ReadJsonAsync())["etag"]);
        Assert.Equal(tag.ToString(), (string?)listed["etag"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Null(duplicate.Headers.ETag); // the 409's tag is in its body: a header would describe the problem
        Assert.Equal(tag.ToString(), (string?)(await duplicate.ReadJsonAsync())["etag"]);
    }

    [Theory]
    [InlineData("{tag}")]
    [InlineData("*")]
    [InlineData("\"some-other-tag\", {tag}")]
    [InlineData("W/{tag}")] // If-None-Match compares weakly (RFC 9110 §13.1.2)
    public async Task Get_WithAnIfNoneMatchNamingTheCurrentTag_Is304_WithTheTag_AndNoBody(string condition)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = (await client.PostOrderAsync(OrderRequests.Valid(reference))).Headers.ETag!.ToString();

        var response = await client.GetOrderIfNoneMatchAsync(reference, condition.Replace("{tag}", tag, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(tag, response.Headers.ETag!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Get_WithTheTagOfAnEarlierVersion_Is200_WithTheOrderAndItsNewTag()
    {
        // Given an order at version 3, and the tag its version 1 had
        var factory = StartFactory();
        var order = await StoredAtVersionAsync(factory, 3);

        var response = await factory.CreateClient().GetOrderIfNoneMatchAsync(order.ClientReference, OrderETag.Of(order.OrderId, 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OrderETag.Of(order), response.Headers.ETag!.ToString());
        Assert.Equal(order.OrderId.ToString(), (string?)(await response.ReadJsonAsync())["orderId"]);
    }

    [Theory]
    [InlineData("\"another-order\"")]
    [InlineData("not a tag list")] // unreadable: ignored, so the client still gets the order
    public async Task Get_WithAnIfNoneMatchThatDoesNotNameTheCurrentTag_Is200(string condition)
    {
        var client = StartApi();
        var reference = OrderRequests.NewReference();
        var tag = (await client.PostOrderAsync(OrderRequests.Valid(reference))).Headers.ETag!.ToString();

        var response = await client.GetOrderIfNoneMatchAsync(reference, condition);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tag, response.Headers.ETag!.ToString());
        Assert.Equal(reference, (string?)(await response.ReadJsonAsync())["clientReference"]);
    }

    [Fact]
    public async Task Get_WithIfNoneMatchStar_ForAReferenceNobodyUsed_Is404()
    {
        var response = await StartApi().GetOrderIfNoneMatchAsync(OrderRequests.NewReference(), "*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheVersionRead_NamesTheOrderAndItsStoredVersion_AndOnlyTheOwners()
    {
        var factory = StartFactory();
        var order = await StoredAtVersionAsync(factory, 5);

        Assert.Equal(new Api.Storage.OrderVersion(order.OrderId, 5), await StoreOf(factory).FindVersionAsync(Owner, order.ClientReference, Ct));
        Assert.Null(await StoreOf(factory).FindVersionAsync("someone-else", order.ClientReference, Ct));
        Assert.Null(await StoreOf(factory).FindVersionAsync(Owner, OrderRequests.NewReference(), Ct));
    }

    /// <summary>An order stored at <paramref name="version"/>, as that many changes would leave it.</summary>
    private static async Task<Model.Order> StoredAtVersionAsync(OrdersApiFactory factory, long version)
    {
        var order = MappedOrders.EveryMemberSetAsPlaced() with
        {
            Owner = Owner, ClientReference = OrderRequests.NewReference(), OrderId = Guid.CreateVersion7(), Version = version,
        };
        await StoreOf(factory).CreateAsync(order, Ct);
        return order;
    }
}
