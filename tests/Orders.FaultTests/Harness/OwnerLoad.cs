namespace Orders.FaultTests.Harness;

/// <summary>
/// Closed-loop load from several owners at once, each with a ledger of its own and its clients
/// spread round-robin over every API instance, until stopped (<see cref="LoadRunner"/> per owner).
/// </summary>
public sealed class OwnerLoad : IAsyncDisposable
{
    private const int RequestBudget = 1_000_000;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _load;

    private OwnerLoad(IReadOnlyList<ApiProcess> apis, IEnumerable<string> owners, string prefix, int clientsPerOwner, TimeSpan clientTimeout)
    {
        Ledgers = owners.ToDictionary(owner => owner, _ => new Ledger());
        _load = Task.WhenAll(Ledgers.Select(pair =>
        {
            var clients = apis.Select(api => api.ClientFor(pair.Key, clientTimeout)).ToArray();
            var next = 0;
            return LoadRunner.RunAsync(pair.Value, () => clients[(Interlocked.Increment(ref next) & int.MaxValue) % clients.Length],
                prefix, clientsPerOwner, RequestBudget, _stop.Token);
        }));
    }

    /// <summary>Every owner's ledger, by owner.</summary>
    public IReadOnlyDictionary<string, Ledger> Ledgers { get; }

    /// <summary>Starts <paramref name="clientsPerOwner"/> clients for each owner, each giving up on a request after <paramref name="clientTimeout"/>.</summary>
    public static OwnerLoad Start(IReadOnlyList<ApiProcess> apis, IEnumerable<string> owners, string prefix, int clientsPerOwner, TimeSpan clientTimeout) =>
        new(apis, owners, prefix, clientsPerOwner, clientTimeout);

    /// <summary>Stops sending and waits for every request in flight to be answered (or to time out).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _load;
    }

    /// <summary>Stops the load if the test ended before it did.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
