using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Base of the cancel and change fault tests: the API with its outbox on
/// (<see cref="OutboxWithoutBroker"/>), orders placed for the transitions to act on, and the kills
/// that come while a transition load runs (<see cref="MidLoadKills"/>).
/// </summary>
public abstract class TransitionFaultTestBase(IOrderDatabase database) : FaultTestBase(database)
{
    /// <summary>Starts the API and places <paramref name="count"/> orders; returns it and each reference's ETag.</summary>
    protected async Task<(ApiProcess Api, IReadOnlyDictionary<string, string> Tags)> StartWithPlacedOrdersAsync(string prefix, int count)
    {
        var api = await StartApiAsync(OutboxWithoutBroker.Settings());
        return (api, await PlacedOrders.PlaceAsync(api.Client, prefix, count));
    }

    /// <summary>SIGKILLs and restarts the API Scale.TransitionKills times while <paramref name="load"/> runs, then waits for it; returns the kills that hit it.</summary>
    protected static async Task<int> KillWhileRunningAsync(ApiProcess api, TransitionLedger ledger, int total, Task load)
    {
        var kills = await MidLoadKills.KillAndRestartAsync(api, () => ledger.Started, total, Scale.TransitionKills, load, ledger.Gate);
        await load;
        return kills;
    }
}
