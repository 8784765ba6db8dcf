using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Clients that each change their own orders' shipping address, one change after another, with
/// If-Match: the tag of the order's last answer. A change whose answer was lost is sent again with
/// its old tag until answered; a 200 or a 412 alreadyApplied:true both mean "in", and the tag that
/// answer carries is the one the client's next change of that order names. Each change sets a city
/// no other change sets, so "the order already holds what the patch sets" means "this change is in".
/// </summary>
public sealed class ChangeLoad
{
    private readonly ConcurrentDictionary<string, ClientView> _views = new();

    /// <summary>What the client believes about one order: the changes it was told are in, the last one's city.</summary>
    public sealed record ClientView(int Applied, string? City);

    /// <summary>Every order's client view, by reference.</summary>
    public IReadOnlyDictionary<string, ClientView> Views => _views;

    /// <summary>Changes that ended in neither 200 nor 412 alreadyApplied:true, or were said in without a lost answer: findings.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>
    /// Runs <paramref name="changesPerWorker"/> changes on each worker's share of <paramref name="tags"/>
    /// (reference to ETag; the shares are disjoint, so no two clients change one order).
    /// </summary>
    public Task RunAsync(TransitionLedger ledger, HttpClient client, IReadOnlyDictionary<string, string> tags, int workers, int changesPerWorker)
    {
        var references = tags.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var reference in references)
        {
            _views[reference] = new ClientView(0, null);
        }
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var own = references.Where((_, index) => index % workers == worker).ToList();
            var ownTags = own.ToDictionary(reference => reference, reference => tags[reference]);
            for (var change = 0; change < changesPerWorker && own.Count > 0; change++)
            {
                var reference = own[change % own.Count];
                var city = $"City {worker}-{change}";
                var number = worker * changesPerWorker + change;
                var tag = ownTags[reference];
                var (final, lost) = await ledger.SendUntilAnsweredAsync(client, number, reference, () => Patch(reference, city, tag));
                ownTags[reference] = Record(reference, city, final, lost) ?? tag;
            }
        })));
    }

    /// <summary>Updates the client's view from the change's last answer; returns the tag to name next.</summary>
    private string? Record(string reference, string city, TransitionOutcome final, bool lost)
    {
        var applied = final switch
        {
            { Status: 200 } => true,
            { Status: 412, AlreadyApplied: true } when lost => true,
            { Status: 412, AlreadyApplied: true } => Fail("412 alreadyApplied:true though no answer of it was lost"),
            { Status: 412, AlreadyApplied: false } => Fail("412 alreadyApplied:false: another change took its place"),
            _ => Fail($"{final.Label} {final.Code}"),
        };
        if (applied)
        {
            _views.AddOrUpdate(reference, _ => new ClientView(1, city), (_, view) => new ClientView(view.Applied + 1, city));
        }
        return final.ETag;

        bool Fail(string what)
        {
            Problems.Enqueue($"{reference} change to '{city}'{(lost ? " (answer lost, retried)" : "")}: {what}");
            return false;
        }
    }

    private static HttpRequestMessage Patch(string reference, string city, string ifMatch)
    {
        // A whole address: the placed orders have none, and a partial one could not be merged into nothing.
        var patch = JsonSerializer.Serialize(new
        {
            shippingAddress = new { line1 = "1 Fault Street", city, postalCode = "LS1 1AA", country = "GB" },
        });
        var message = new HttpRequestMessage(HttpMethod.Patch, $"/orders/{reference}")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return message;
    }
}
