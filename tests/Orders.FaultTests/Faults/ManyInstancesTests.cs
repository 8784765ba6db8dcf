using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 1: several API processes share one database, and identical POSTs race across them. Only
/// the database's unique key is shared between the instances, so this is the case where any
/// in-process idempotency would fail. Run on one PostgreSQL, on a Citus cluster sharded by owner and
/// on SQL Server.
/// </summary>
public abstract class ManyInstancesTests<TDatabase>(TDatabase database) : FaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const int Instances = 3;

    [Fact]
    public async Task IdenticalPostsSpreadOverThreeInstances_MakeOneOrderPerReference_AndEvery409NamesIt()
    {
        // Given three instances started together (they also take turns migrating through the
        // migration lock: PostgreSQL's advisory lock, SQL Server's sp_getapplock),
        var apis = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => StartApiAsync()));
        if (!Database.SessionsStartWarm)
        {
            await WarmUpAsync(apis);
        }
        var ledger = new Ledger();
        var references = Enumerable.Range(0, Scale.InstanceReferences).Select(n => OrderBody.New("instances", n)).ToList();

        // when every reference is POSTed many times at once, round-robin over the instances,
        await Parallel.ForEachAsync(references,
            new ParallelOptions { MaxDegreeOfParallelism = Scale.InstanceReferencesInFlight, CancellationToken = TestContext.Current.CancellationToken },
            async (body, _) => await Task.WhenAll(Enumerable.Range(0, Scale.InstancePostsPerReference)
                .Select(i => Task.Run(() => ledger.PostAsync(apis[i % Instances].Client, body)))));

        // then each reference has one order, one 201 and only 409s naming it.
        Report(ledger.Summary($"many instances on {Database.Name}"));
        var stored = await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
        var duplicates = Scale.InstanceReferences * (Scale.InstancePostsPerReference - 1);
        Assert.Equal(Scale.InstanceReferences, stored.Count);
        Assert.Equal(Scale.InstanceReferences, ledger.Count(Answer.Created));
        Assert.Equal(duplicates, ledger.Count(Answer.Duplicate));
        Assert.Equal(0, ledger.Outcomes.Count(o => o.Status >= 500 || o.Status == 0));
    }

    /// <summary>
    /// Opens as many connections as the storm will hold, as a production instance has after its first
    /// minute: every instance places its share of the storm's peak in distinct orders at once, each
    /// retried until settled (prefix "warm", apart from the storm's). Cold answers may come late, so
    /// only the outcome is checked: each of them stored once.
    /// </summary>
    private async Task WarmUpAsync(ApiProcess[] apis)
    {
        var warm = new Ledger();
        var peak = Scale.InstanceReferencesInFlight * Scale.InstancePostsPerReference;
        await Task.WhenAll(Enumerable.Range(0, peak).Select(n => Task.Run(() => warm.PostAsync(apis[n % Instances].Client, OrderBody.New("warm", n)))));
        await warm.RetryUnsettledAsync(apis[0].Client);
        Report(warm.Summary($"warm-up on {Database.Name} (its sessions start cold)"));
        var stored = (await LedgerCheck.ReadStoredAsync(Database)).Where(o => warm.Bodies.ContainsKey(o.ClientReference)).ToList();
        Assert.Equal(peak, stored.Count);
        Assert.Equal(peak, stored.Select(o => o.ClientReference).Distinct().Count());
    }
}

public sealed class ManyInstancesTests(PostgreSqlDatabase database) : ManyInstancesTests<PostgreSqlDatabase>(database);

/// <summary>The same storm through a Citus coordinator (ORDERS_TEST_CITUS): the key is enforced in the owner's shard.</summary>
public sealed class CitusManyInstancesTests(CitusDatabase database) : ManyInstancesTests<CitusDatabase>(database);

/// <summary>The same storm on SQL Server (ORDERS_TEST_SQLSERVER or Docker): the key is uq_orders_owner_client_reference.</summary>
public sealed class SqlServerManyInstancesTests(SqlServerDatabase database) : ManyInstancesTests<SqlServerDatabase>(database);
