using System.Globalization;
using Orders.FaultTests.Harness;
using Orders.FaultTests.Harness.Citus;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Growth under load: a shop that outgrows its two workers adds a third and moves shards onto it
/// while orders keep coming. Three API instances, owners on both workers; under their load a new
/// worker is registered (citus_add_node), each loaded owner's shard group is moved onto it online
/// (citus_move_shard_placement, force_logical), then Citus's rebalancer evens out the rest
/// (citus_rebalance_start, citus_rebalance_wait). Exactly-once, the deadline and "never a 500"
/// must hold through every switch-over; what the move costs the creates is reported, not bounded.
/// </summary>
public sealed class CitusRebalanceTests(LocalCitusCluster cluster) : CitusLoadTestBase(cluster), IClassFixture<LocalCitusCluster>
{
    [Fact]
    public async Task AddingAWorkerAndMovingShardsOntoItUnderLoad_No500_EveryAnswerWithinTheDeadline_EveryLedgerExact()
    {
        var ct = TestContext.Current.CancellationToken;
        var apis = await StartApisAsync();
        var owners = await OwnersOnEveryWorkerAsync("grown");
        var shards = new CitusShards(Cluster.ConnectionString);
        var ownerShards = new Dictionary<string, long>();
        foreach (var owner in owners.Keys)
        {
            ownerShards[owner] = await shards.ShardOfAsync(owner);
        }
        var spare = await Cluster.StartSpareWorkerAsync();
        var before = await shards.PlacementsPerNodeAsync();
        var clients = Scale.NodeFaultClientsPerOwner;
        await WarmUpAsync(apis, owners.Count * clients, ct);

        // Given load from owners on both workers, when a worker is added and shards move onto it,
        await using var load = OwnerLoad.Start(apis, owners.Keys, "grow", clients, ClientTimeout);
        await Task.Delay(Scale.NodeFaultLoadBefore, ct);
        var growing = DateTime.UtcNow;
        await Cluster.AddNodeAsync(spare);
        var added = DateTime.UtcNow;
        foreach (var shard in ownerShards.Values.Distinct())
        {
            await shards.MoveAsync(shard, spare.Port);
        }
        var moved = DateTime.UtcNow;
        var rebalanceMoves = await shards.RebalanceAsync();
        var grown = DateTime.UtcNow;
        await Task.Delay(Scale.NodeFaultLoadAfter, ct);
        await load.StopAsync();
        var after = await shards.PlacementsPerNodeAsync();

        // then every figure is reported before any is asserted,
        var outcomes = load.Ledgers.Values.SelectMany(ledger => ledger.Outcomes).ToList();
        var creates = outcomes.Where(o => o.Answer == Answer.Created && !o.IsRetry).ToList();
        AnswerTimes CreatesBetween(DateTime from, DateTime to) => AnswerTimes.Of(creates.Where(o => o.StartedUtc >= from && o.AnsweredUtc <= to));
        Report($"growth under load from {owners.Count} owners x {clients} clients over {apis.Length} APIs: {NodeFaultRun.Counts(outcomes)}");
        Report($"  citus_add_node {Seconds(added - growing)} s; {ownerShards.Values.Distinct().Count()} owners' shard groups moved in {Seconds(moved - added)} s; " +
               $"rebalancer: {rebalanceMoves} more moves in {Seconds(grown - moved)} s");
        Report($"  placements per node port before: {Describe(before)}; after: {Describe(after)} ({spare.Name} is {spare.Port})");
        // Before, during (the loaded owners' own moves, then the rebalancer's) and after: on a shared
        // machine the load's own noise is as large as a move's cost, and "after" shows that noise.
        Report($"  creates before the growth: {CreatesBetween(DateTime.MinValue, growing)}");
        Report($"  creates during the growth: {CreatesBetween(growing, grown)}");
        Report($"    while the loaded owners' shards moved: {CreatesBetween(added, moved)}");
        Report($"    while the rebalancer moved the rest: {CreatesBetween(moved, grown)}");
        Report($"  creates after the growth: {CreatesBetween(grown, DateTime.MaxValue)}");
        var during = outcomes.Where(o => o.StartedUtc >= growing && o.AnsweredUtc <= grown).ToList();
        Report($"  every answer during the growth: {NodeFaultRun.Counts(during)}; {AnswerTimes.Of(during)}");

        // and no order is partial, lost or doubled, every lost answer retried to exactly one order,
        await LedgerCheck.AssertOwnersHoldAsync(load.Ledgers, Database, owner => apis[0].ClientFor(owner, ClientTimeout));
        var times = AnswerTimes.Of(load.Ledgers.Values.SelectMany(ledger => ledger.Outcomes));
        Report($"  every answer, retries included: {times} (bound {AnswerBound.TotalSeconds:F0} s)");
        Assert.DoesNotContain(outcomes, o => o.Status == 500);
        Assert.True(times.Max <= AnswerBound, $"an answer took {times.Max.TotalMilliseconds:F0} ms (p99 {times.P99.TotalMilliseconds:F0} ms)");
        Assert.Contains(creates, o => o.StartedUtc >= growing && o.AnsweredUtc <= grown);

        // and the shards really moved: none on the new worker before, each loaded owner's on it after.
        Assert.False(before.ContainsKey(spare.Port));
        Assert.True(after.GetValueOrDefault(spare.Port) > 0, $"nothing moved onto {spare.Name}: {Describe(after)}");
        foreach (var (owner, shard) in ownerShards)
        {
            Assert.True(await shards.NodeOfAsync(shard) == spare.Port, $"{owner}'s shard {shard} is not on {spare.Name}");
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyDictionary<int, long> placements) =>
        string.Join(", ", placements.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}")));
}
