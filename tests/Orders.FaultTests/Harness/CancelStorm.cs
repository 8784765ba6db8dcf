using System.Text;
using System.Text.Json;

namespace Orders.FaultTests.Harness;

/// <summary>
/// A storm of cancels: every order cancelled several times over, by concurrent clients. The requests
/// of one order stand together in the queue, so the workers that take them send them at once (the
/// duplicates race for the row). Their forms vary, so every way a cancel can be written meets a kill:
/// no body, the reason every duplicate shares, a reason of its own, and If-Match with the placed tag.
/// </summary>
public static class CancelStorm
{
    public const string SharedReason = "changed my mind";

    /// <summary>One cancel as the client keeps it for retries.</summary>
    public sealed record CancelRequest(int Number, string Reference, string? Reason, string? IfMatch)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"/orders/{Reference}/cancellation");
            if (Reason is not null)
            {
                message.Content = new StringContent(JsonSerializer.Serialize(new { reason = Reason }), Encoding.UTF8, "application/json");
            }
            if (IfMatch is not null)
            {
                message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            }
            return message;
        }
    }

    /// <summary><paramref name="perOrder"/> cancels of each order of <paramref name="tags"/> (reference to placed ETag), grouped by order.</summary>
    public static IReadOnlyList<CancelRequest> Requests(IReadOnlyDictionary<string, string> tags, int perOrder) =>
        tags.SelectMany(pair => Enumerable.Range(0, perOrder).Select(form => (pair.Key, pair.Value, form)))
            .Select((request, number) => (request.form % 4) switch
            {
                0 => new CancelRequest(number, request.Key, null, null),
                1 => new CancelRequest(number, request.Key, SharedReason, null),
                2 => new CancelRequest(number, request.Key, $"reason {number}", null),
                _ => new CancelRequest(number, request.Key, null, request.Value),
            })
            .ToList();

    /// <summary>Sends every request through <paramref name="workers"/> closed-loop clients, each request until answered.</summary>
    public static Task RunAsync(TransitionLedger ledger, HttpClient client, IReadOnlyList<CancelRequest> requests, int workers)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Count)
            {
                var request = requests[index];
                await ledger.SendUntilAnsweredAsync(client, request.Number, request.Reference, request.ToMessage);
            }
        })));
    }
}
