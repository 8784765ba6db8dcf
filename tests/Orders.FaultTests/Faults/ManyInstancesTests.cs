using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Fault 1: several API processes share one database, and identical POSTs race across them. Only
/// the database's unique key is shared between the instances, so this is the case where any
/// in-process idempotency would fail. Run on one PostgreSQL, on a Citus cluster sharded by owner and
/// on SQL Server, with the instances as a rolling deploy has them: just started, their pools warmed
/// before they said ready, and nothing else (on Babelfish a cold session's first create took seconds,
/// and this storm on unwarmed instances answered 482 of 600 requests 503).
/// </summary>
public abstract class ManyInstancesTests<TDatabase>(TDatabase database) : FaultTestBase(database), IClassFixture<TDatabase>
    where TDatabase : class, IOrderDatabase
{
    private const int Instances = 3;

    [Fact]
    public async Task IdenticalPostsSpreadOverThreeInstances_MakeOneOrderPerReference_AndEvery409NamesIt()
    {
        // Given three instances started together and cold, on a new database, each ready once its
        // pool is warm (they also take turns migrating through the migration lock: PostgreSQL's
        // advisory lock, SQL Server's sp_getapplock),
        var apis = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => StartApiAsync()));
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
    /// A checkout page's double-submits across a rolling restart: 30 references × 20 POSTs, all 600 at
    /// once, on three instances that have just said ready. Cold pools used to answer most of it 503 on
    /// Babelfish (482 of 600), each instance starting up to 100 new sessions on one 2-core engine.
    /// </summary>
    [Fact]
    public async Task AColdBurstOnThreeFreshInstances_IsServedExactly()
    {
        const int references = 30, postsEach = 20;
        var apis = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => StartApiAsync()));
        var ledger = new Ledger();
        var bodies = Enumerable.Range(0, references).Select(n => OrderBody.New("cold-burst", n)).ToList();

        await Task.WhenAll(bodies.SelectMany(body => Enumerable.Range(0, postsEach)
            .Select(i => Task.Run(() => ledger.PostAsync(apis[i % Instances].Client, body)))));

        Report(ledger.Summary($"cold burst on {Database.Name}"));
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
        Assert.Equal(references, ledger.Count(Answer.Created));
        Assert.Equal(references * (postsEach - 1), ledger.Count(Answer.Duplicate));
        Assert.Equal(0, ledger.Outcomes.Count(o => o.Status >= 500 || o.Status == 0));
    }
}

public sealed class ManyInstancesTests(PostgreSqlDatabase database) : ManyInstancesTests<PostgreSqlDatabase>(database);

/// <summary>The same storm through a Citus coordinator (ORDERS_TEST_CITUS): the key is enforced in the owner's shard.</summary>
public sealed class CitusManyInstancesTests(CitusDatabase database) : ManyInstancesTests<CitusDatabase>(database);

/// <summary>The same storm on SQL Server (ORDERS_TEST_SQLSERVER or Docker): the key is uq_orders_owner_client_reference.</summary>
public sealed class SqlServerManyInstancesTests(SqlServerDatabase database) : ManyInstancesTests<SqlServerDatabase>(database);
