using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>
/// Places orders and remembers what each request was answered: the 201s (order id, body, when),
/// the 409s and anything else. A request without an answer (its server was killed) is "unknown".
/// </summary>
public sealed class OrderLoad
{
    private readonly ConcurrentDictionary<string, (string OrderId, JsonObject Body, DateTime At)> _created = new();
    private readonly ConcurrentQueue<HttpStatusCode> _statuses = new();
    private readonly ConcurrentDictionary<string, byte> _unknown = new();

    /// <summary>Created orders by client reference.</summary>
    public IReadOnlyDictionary<string, (string OrderId, JsonObject Body, DateTime At)> Created => _created;

    public IReadOnlyList<HttpStatusCode> Statuses => [.. _statuses];

    /// <summary>References whose request got no answer (connection lost).</summary>
    public IReadOnlyCollection<string> Unknown => [.. _unknown.Keys];

    public int Count(HttpStatusCode status) => Statuses.Count(s => s == status);

    /// <summary>Posts every reference, <paramref name="parallel"/> at a time.</summary>
    public Task PostAllAsync(HttpClient client, IEnumerable<string> references, int parallel, CancellationToken ct = default) =>
        Parallel.ForEachAsync(references, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (reference, token) => await PostAsync(client, reference, token));

    public async Task PostAsync(HttpClient client, string reference, CancellationToken ct = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.PostOrderAsync(OrderRequests.Valid(reference));
        }
        catch (Exception ex) when (LostAnswers.IsLost(ex))
        {
            _unknown.TryAdd(reference, 0);
            return;
        }
        var answeredAt = DateTime.UtcNow;
        _unknown.TryRemove(reference, out _);
        _statuses.Enqueue(response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var body = await response.ReadJsonAsync();
            _created[reference] = ((string)body["orderId"]!, body, answeredAt);
        }
    }
}
