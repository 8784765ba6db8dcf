using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// On a new database, a read by reference prepared while the tables were empty is planned on the
/// unique key once the app's store has created a few hundred orders: the app's own ANALYZE
/// invalidated the plan kept from the empty tables (PostgreSqlFreshTables).
/// </summary>
public sealed class PostgreSqlNewDatabasePlansTests(PostgreSqlDatabase database) : NewDatabasePlansTestBase(database)
{
    [Fact]
    public async Task OnANewDatabase_AStatementPreparedOnTheEmptyTables_IsPlannedOnTheUniqueKey_OnceTheTablesHaveGrown()
    {
        var plans = await PlansAsync(settings: null, waitForTheAppsAnalyze: true);

        // What the tables' emptiness left (else this test shows nothing),
        Assert.Contains(plans.OnEmptyTables, plan => !OnTheUniqueKey(plan));
        // and what the app's ANALYZE made of it.
        Assert.All(plans.AfterGrowth, plan => Assert.True(OnTheUniqueKey(plan), plan));
    }
}
