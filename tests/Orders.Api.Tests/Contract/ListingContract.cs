using System.Net;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>GET /orders: keyset pagination, newest first, every order exactly once.</summary>
public abstract class ListingContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task Listing_PagesThroughAllOrdersExactlyOnce_NewestFirst()
    {
        var client = StartApi();
        var references = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var reference = OrderRequests.NewReference();
            references.Add(reference);
            Assert.Equal(HttpStatusCode.Created, (await client.PostOrderAsync(OrderRequests.Valid(reference))).StatusCode);
        }
        var (storedOrders, _) = await Database.CountAllRowsAsync();

        var seen = new List<(string Reference, DateTimeOffset CreatedAt, int Lines)>();
        var pages = 0;
        string? next = null;
        do
        {
            var url = next is null ? "/orders?limit=3" : $"/orders?limit=3&after={Uri.EscapeDataString(next)}";
            var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            var orders = page["orders"]!.AsArray();
            Assert.InRange(orders.Count, 1, 3);
            seen.AddRange(orders.Select(order => (
                (string)order!["clientReference"]!,
                DateTimeOffset.Parse((string)order["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture),
                order["lines"]!.AsArray().Count)));
            next = (string?)page["next"];
            pages++;
        }
        while (next is not null && pages < 100);

        Assert.Equal(storedOrders, seen.Count);
        Assert.Equal(seen.Count, seen.Select(order => order.Reference).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(order => order.CreatedAt).Select(order => order.Reference), seen.Select(order => order.Reference));
        Assert.All(references, reference => Assert.Contains(reference, seen.Select(order => order.Reference)));
        Assert.All(seen.Where(order => references.Contains(order.Reference)), order => Assert.Equal(2, order.Lines));
        Assert.Equal(((int)storedOrders + 2) / 3, pages);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=MTox", "after")]
    public async Task Listing_WithBadParameters_Returns400NamingIt_InAListingsWords(string query, string field)
    {
        var client = StartApi();

        var response = await client.GetAsync($"/orders?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("VALIDATION_FAILED", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]![field]);
        // A listing stores nothing: no word of orders being invalid, stored or sent again.
        ProblemWording.AssertFitsALookup(problem);
    }
}
