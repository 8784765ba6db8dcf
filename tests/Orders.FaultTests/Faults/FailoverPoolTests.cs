using Dapper;
using Npgsql;
using Orders.Api.Tests.Fixtures;
using Orders.FaultTests.Harness;

namespace Orders.FaultTests.Faults;

/// <summary>
/// Issue 24's recovery: after a restart or failover every pooled session is dead, and the requests
/// after it must not meet them. Here the server ends every session of the API's pool
/// (pg_terminate_backend, 57P01: what a fast shutdown or a failover does to them) while the server
/// itself stays up, and the next creates must all succeed. Npgsql already drops a pooled connection
/// the server has closed (this test passed with the store's pool clearing taken out); the clearing
/// after a connection-level error (TransientRetryTests.ConnectionErrors_ClearThePool) is for
/// connections that die without a word, behind a cut network or a moved virtual IP.
/// </summary>
public sealed class FailoverPoolTests(PostgreSqlDatabase database) : FaultTestBase(database), IClassFixture<PostgreSqlDatabase>
{
    private const int PooledConnections = 16;

    [Fact]
    public async Task AfterEveryPooledSessionIsTerminated_EveryNextCreateSucceeds()
    {
        var api = await StartApiAsync();
        var ledger = new Ledger();
        var ct = TestContext.Current.CancellationToken;
        // Given a pool of many open sessions (concurrent creates open one each),
        await Task.WhenAll(Enumerable.Range(0, PooledConnections).Select(n => ledger.PostAsync(api.Client, OrderBody.New("warm", n), abort: ct)));
        var terminated = await TerminateOtherSessionsAsync(ct);
        Assert.True(terminated >= 2, $"only {terminated} session(s) of the API's pool to terminate: the test proves nothing");

        // when each of them is ended by the server and clients go on placing orders one after another,
        var after = new List<Outcome>();
        for (var n = 0; n < PooledConnections; n++)
        {
            after.Add(await ledger.PostAsync(api.Client, OrderBody.New("after", n), abort: ct));
        }

        // then none of them hears of the dead sessions: the first error emptied the pool.
        var answers = string.Join(", ", after.Select(o => o.Status));
        Assert.True(after.All(o => o.Answer == Answer.Created), $"after {terminated} pooled sessions were terminated: {answers}");
        await LedgerCheck.AssertConsistentAsync(ledger, Database, everyReferenceStored: true);
        Report($"{terminated} pooled sessions terminated; the next {after.Count} creates: all 201, " +
               $"the first in {after[0].Elapsed.TotalMilliseconds:F0} ms, slowest {after.Max(o => o.Elapsed).TotalMilliseconds:F0} ms");
    }

    private async Task<int> TerminateOtherSessionsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(ct);
        return await connection.QuerySingleAsync<int>(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """);
    }
}
