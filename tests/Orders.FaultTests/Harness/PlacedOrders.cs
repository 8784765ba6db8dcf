using System.Net;

namespace Orders.FaultTests.Harness;

/// <summary>Orders placed before a transition load (through <see cref="Ledger"/>, as the create tests place them), with their tags.</summary>
public static class PlacedOrders
{
    /// <summary>Places <paramref name="count"/> orders of TestTokens.DefaultOwner and returns each reference's ETag, read back by GET.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PlaceAsync(HttpClient client, string prefix, int count)
    {
        var ledger = new Ledger();
        var tags = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (number, ct) =>
        {
            var body = OrderBody.New(prefix, number);
            var placed = await ledger.PostAsync(client, body, abort: ct);
            Assert.True(placed.Answer == Answer.Created, $"placing {body.Reference}: {placed.Answer} {placed.Status}");
            using var read = await client.GetAsync($"/orders/{body.Reference}", ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            tags[body.Reference] = read.Headers.ETag!.ToString();
        });
        return tags;
    }
}
