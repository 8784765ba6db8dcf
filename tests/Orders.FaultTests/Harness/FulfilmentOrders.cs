using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Orders.Api.Http.Responses;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The orders of the worker test: placed by several owners (each with a token of their own), some
/// cancelled by their customer right after the 201. Whether a cancel or the worker's fulfilment came
/// first is written down per order, from the cancel's answer.
/// </summary>
public sealed class FulfilmentOrders(ApiProcess api, IReadOnlyList<string> owners, string prefix)
{
    public sealed record Placed(string Owner, string Reference);

    private readonly ConcurrentDictionary<string, Placed> _placed = new();
    private readonly ConcurrentDictionary<string, HttpStatusCode> _cancels = new();
    private readonly Dictionary<string, HttpClient> _clients =
        owners.ToDictionary(owner => owner, owner => api.ClientFor(owner, TimeSpan.FromSeconds(30)));

    public string Prefix => prefix;

    public IReadOnlyList<string> Owners => owners;

    public IReadOnlyCollection<Placed> All => [.. _placed.Values];

    /// <summary>References whose cancel got its 200: these orders must never ship.</summary>
    public IReadOnlySet<string> Cancelled => _cancels.Where(pair => pair.Value == HttpStatusCode.OK).Select(pair => pair.Key).ToHashSet();

    /// <summary>References whose cancel came after the worker's fulfilment (409 ORDER_NOT_CANCELLABLE).</summary>
    public int CancelsTooLate => _cancels.Count(pair => pair.Value == HttpStatusCode.Conflict);

    public HttpClient ClientOf(string owner) => _clients[owner];

    /// <summary>
    /// Places orders number <paramref name="from"/> to from+count-1 and cancels those <paramref name="cancel"/>
    /// picks, each <paramref name="cancelAfter"/> (of its number) after its 201.
    /// </summary>
    public Task PlaceAsync(int from, int count, Func<int, bool> cancel, Func<int, TimeSpan>? cancelAfter = null) =>
        Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (number, ct) =>
        {
            var owner = owners[number % owners.Count];
            var body = OrderBody.New(prefix, number);
            using (var created = await _clients[owner].PostAsync("/orders", new StringContent(body.Json, Encoding.UTF8, "application/json"), ct))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, $"placing {body.Reference}: {created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
            }
            _placed[body.Reference] = new Placed(owner, body.Reference);
            if (cancel(number))
            {
                await Task.Delay(cancelAfter?.Invoke(number) ?? TimeSpan.Zero, ct);
                _cancels[body.Reference] = await CancelAsync(_clients[owner], body.Reference, ct);
            }
        });

    private static async Task<HttpStatusCode> CancelAsync(HttpClient client, string reference, CancellationToken ct)
    {
        using var answer = await client.PostAsync($"/orders/{reference}/cancellation",
            new StringContent("""{"reason":"changed my mind"}""", Encoding.UTF8, "application/json"), ct);
        var text = await answer.Content.ReadAsStringAsync(ct);
        // 200, or the worker fulfilled it first: both are answers the issue allows, nothing else is.
        var tooLate = answer.StatusCode == HttpStatusCode.Conflict
                      && JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() == Problems.Codes.OrderNotCancellable;
        Assert.True(answer.StatusCode == HttpStatusCode.OK || tooLate, $"cancelling {reference}: {answer.StatusCode} {text}");
        return answer.StatusCode;
    }
}
