using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Storage;

/// <summary>
/// The negative control of <see cref="PostgreSqlNewDatabasePlansTests"/>, on a database of its own:
/// with the app's ANALYZE switched off the same statements keep the plans made on the empty tables,
/// which read every order of the owner, however many orders the owner has by then.
/// </summary>
public sealed class PostgreSqlNewDatabasePlansWithoutAnalyzeTests(PostgreSqlDatabase database) : NewDatabasePlansTestBase(database)
{
    [Fact]
    public async Task WithTheAppsAnalyzeSwitchedOff_AStatementPreparedOnTheEmptyTables_KeepsItsEmptyTablePlan()
    {
        var plans = await PlansAsync(new Dictionary<string, string?> { ["Storage:AnalyzeNewTablesAfterCreates"] = "0" }, waitForTheAppsAnalyze: false);

        Assert.Contains(plans.OnEmptyTables, plan => !OnTheUniqueKey(plan));
        Assert.Equal(plans.OnEmptyTables, plans.AfterGrowth);
    }
}
