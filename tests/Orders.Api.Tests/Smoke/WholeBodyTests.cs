using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Smoke;

/// <summary>
/// Every order answer of the deployed artifact carries its Content-Length, so Kestrel sends it in one
/// piece rather than chunked (a second socket send, for the closing chunk, on every request). Real
/// Kestrel only: the in-memory test server buffers every body and would hide the difference.
/// </summary>
public sealed class WholeBodyTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryOrderAnswer_IsSentWithItsLength_NotChunked()
    {
        await using var api = await ApiProcess.StartAsync(
            ProductionSettings.For(database), TimeSpan.FromSeconds(60));
        using var client = ProductionSettings.ClientFor(api);
        var reference = OrderRequests.NewReference();
        var invalid = OrderRequests.Valid(OrderRequests.NewReference());
        invalid["currency"] = "EURO";

        var answers = new (HttpStatusCode Expected, HttpResponseMessage Response)[]
        {
            (HttpStatusCode.Created, await client.PostOrderAsync(OrderRequests.Valid(reference))),
            (HttpStatusCode.Conflict, await client.PostOrderAsync(OrderRequests.Valid(reference))),
            (HttpStatusCode.BadRequest, await client.PostOrderAsync(invalid)),
            (HttpStatusCode.OK, await client.GetAsync(new Uri($"/orders/{reference}", UriKind.Relative), Ct)),
            (HttpStatusCode.NotFound, await client.GetAsync(new Uri($"/orders/{OrderRequests.NewReference()}", UriKind.Relative), Ct)),
            (HttpStatusCode.OK, await client.GetAsync(new Uri("/orders?limit=5", UriKind.Relative), Ct)),
        };

        foreach (var (expected, response) in answers)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.True(response.Headers.TransferEncodingChunked is not true, $"{(int)expected} was sent chunked");
            var declared = response.Content.Headers.ContentLength;
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(body.Length, declared);
            Assert.NotNull(JsonNode.Parse(body));
        }
    }
}
