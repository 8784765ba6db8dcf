using Microsoft.Data.SqlClient;
using Orders.Api.Storage.Errors;
using Orders.Api.Storage.SqlServer;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Which SQL Server errors mean "duplicate" and what the others mean for the client. The lists stand for
/// <see cref="SqlException.Errors"/>, in order; SqlException itself cannot be built by hand.
/// </summary>
public sealed class SqlServerErrorsTests
{
    public static TheoryData<int[]> Duplicates() => new(
        [2627, 3621],          // unique constraint, then "The statement has been terminated."
        [2601, 3621],          // unique index
        [2627],
        [2601],
        [3621, 2627],          // the violation in a later entry still counts
        [50000, 3621, 2601]);

    public static TheoryData<int[]> NotDuplicates() => new(
        [547, 3621],           // check or foreign key violation: a bad order, not a duplicate
        [547],
        [1205],
        [8152, 3621],          // string would be truncated
        [2628, 3621],          // string would be truncated (newer message)
        []);

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void UniqueViolation_InAnyEntry_IsADuplicate(int[] errorNumbers) =>
        Assert.True(SqlServerErrors.IsUniqueViolation(errorNumbers));

    [Theory]
    [MemberData(nameof(NotDuplicates))]
    public void OtherErrors_AreNotDuplicates(int[] errorNumbers) =>
        Assert.False(SqlServerErrors.IsUniqueViolation(errorNumbers));

    [Theory]
    [InlineData(1205, StoreErrorKind.Conflict)]          // deadlock victim
    [InlineData(1222, StoreErrorKind.Conflict)]          // lock request timeout
    [InlineData(-2, StoreErrorKind.Timeout)]             // client timeout; the order's id makes a retry after a commit a 201
    [InlineData(53, StoreErrorKind.NodeUnavailable)]     // server not reachable
    [InlineData(121, StoreErrorKind.ConnectionLost)]     // semaphore timeout on a dying connection
    [InlineData(233, StoreErrorKind.NodeUnavailable)]    // connection closed by the server during login
    [InlineData(10053, StoreErrorKind.ConnectionLost)]   // connection aborted on this host
    [InlineData(10054, StoreErrorKind.ConnectionLost)]   // connection reset by the server
    [InlineData(10060, StoreErrorKind.NodeUnavailable)]  // connect timed out
    [InlineData(10061, StoreErrorKind.NodeUnavailable)]  // connection refused
    [InlineData(4060, StoreErrorKind.NodeUnavailable)]   // database not available (recovery, failover)
    [InlineData(40501, StoreErrorKind.Busy)]             // Azure SQL busy
    [InlineData(40613, StoreErrorKind.NodeUnavailable)]  // Azure SQL database not available
    public void TransientNumbers_AreRetriedStoreFailures(int number, StoreErrorKind kind)
    {
        Assert.Equal(kind, SqlServerErrors.Classify([3621, number]));
        Assert.True(kind.IsRetried());
    }

    [Theory]
    [InlineData(2627)]   // a duplicate is an answer, never a retry
    [InlineData(2601)]
    [InlineData(547)]    // a constraint violation fails the same way every time
    [InlineData(207)]    // invalid column name: a bug
    [InlineData(3960)]   // snapshot update conflict: cannot happen at READ COMMITTED, so not hidden by retries
    public void PermanentNumbers_AreBugs(int number) =>
        Assert.Equal(StoreErrorKind.Bug, SqlServerErrors.Classify([number, 3621]));

    [Fact]
    public void LoginFailed_IsRefused_A503WithoutRetries()
    {
        // A password changed under a running app is an outage for the client, not our bug, but no
        // retry within the request can cure it.
        Assert.Equal(StoreErrorKind.Refused, SqlServerErrors.Classify([18456]));
        Assert.False(StoreErrorKind.Refused.IsRetried());
        Assert.True(StoreErrorKind.Refused.IsStoreFailure());
    }

    [Fact]
    public void AConnectionErrorAmongOthers_Wins()
    {
        // A batch cut off by a reset reports the statement's error and the transport's.
        Assert.Equal(StoreErrorKind.ConnectionLost, SqlServerErrors.Classify([1205, 10054]));
    }

    [Fact]
    public void AnEmptyPool_IsBusy()
    {
        // SqlClient's words when no pooled connection came free within Connect Timeout; it cannot be
        // made here without a server that accepts logins, so its message and source stand for it.
        var exhausted = new InvalidOperationException(
            "Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.  This may have occurred because all pooled connections were in use and max pool size was reached.")
        {
            Source = typeof(SqlConnection).Assembly.GetName().Name,
        };

        Assert.Equal(StoreErrorKind.Busy, StoreErrors.Classify(exhausted));
        Assert.Equal(StoreErrorKind.Bug, StoreErrors.Classify(new InvalidOperationException(exhausted.Message)));
    }

    [Fact]
    public async Task RefusedConnection_IsNodeUnavailableOrLost_AndNotADuplicate()
    {
        // A real SqlException without a server: on Linux it carries number 0 and a SocketException,
        // so only the inner-exception rule makes it transient (and the store answer 503, not 500).
        var connectionString = $"Server=tcp:127.0.0.1,{PortAllocator.UnusedLoopbackPort()};User ID=sa;Password=unused;Connect Timeout=1;Encrypt=false";
        await using var connection = new SqlConnection(connectionString);

        var refused = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        Assert.True(StoreErrors.Classify(refused) is StoreErrorKind.NodeUnavailable or StoreErrorKind.ConnectionLost, $"numbers {string.Join(",", refused.Errors.Cast<SqlError>().Select(e => e.Number))}: {refused.Message}");
        Assert.False(SqlServerErrors.IsUniqueViolation(refused));
    }

    [Fact]
    public async Task ConnectionDroppedByTheServerSide_BeforeTheLoginCompleted_IsConnectionLost()
    {
        // What a restarting server, a failover or a cut network looks like while connecting: the TCP
        // connection is accepted and then dropped. SqlClient reports it with number 0 and no inner
        // exception, and its pool then rethrows that same error to every open for its blocking period;
        // the fatal severity (class 20) is what says the connection, not the request, failed.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var ct = TestContext.Current.CancellationToken;
        var dropping = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptTcpClientAsync(ct);
            await accepted.GetStream().ReadAtLeastAsync(new byte[8], 8, throwOnEndOfStream: false, ct); // the pre-login packet's header
            accepted.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0); // reset, not a polite close
        }, ct);
        await using var connection = new SqlConnection($"Server=tcp:127.0.0.1,{port};User ID=sa;Password=unused;Connect Timeout=5;Encrypt=false;Pooling=false");

        var dropped = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        await dropping.WaitAsync(ct);

        Assert.True(StoreErrors.Classify(dropped) == StoreErrorKind.ConnectionLost,
            $"numbers {string.Join(",", dropped.Errors.Cast<SqlError>().Select(e => $"{e.Number} class {e.Class}"))}, inner {dropped.InnerException?.GetType().Name}: {dropped.Message}");
    }

    [Fact]
    public void Timeout_IsATimeout_AndOtherExceptionsAreBugs()
    {
        Assert.Equal(StoreErrorKind.Timeout, StoreErrors.Classify(new TimeoutException()));
        Assert.Equal(StoreErrorKind.Bug, StoreErrors.Classify(new InvalidOperationException()));
    }
}
