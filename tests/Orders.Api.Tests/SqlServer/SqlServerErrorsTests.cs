using Microsoft.Data.SqlClient;
using Orders.Api.Storage.SqlServer;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Which SQL Server errors mean "duplicate" and which "try again". The lists stand for
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
    [InlineData(1205)]   // deadlock victim
    [InlineData(1222)]   // lock request timeout
    [InlineData(-2)]     // client timeout; safe for creates because the unique key makes a retry a 409
    [InlineData(53)]     // server not reachable
    [InlineData(121)]    // semaphore timeout on a dying connection
    [InlineData(233)]    // connection closed by the server during login
    [InlineData(10053)]  // connection aborted on this host
    [InlineData(10054)]  // connection reset by the server
    [InlineData(10060)]  // connect timed out
    [InlineData(10061)]  // connection refused
    [InlineData(4060)]   // database not available (recovery, failover)
    [InlineData(40613)]  // Azure SQL database not available
    public void TransientNumbers_AreRetried(int number) =>
        Assert.True(SqlServerErrors.IsTransient([3621, number]));

    [Theory]
    [InlineData(2627)]   // a duplicate is an answer, never a retry
    [InlineData(2601)]
    [InlineData(547)]    // a constraint violation fails the same way every time
    [InlineData(207)]    // invalid column name: a bug
    [InlineData(18456)]  // login failed: configuration, not a blip
    [InlineData(3960)]   // snapshot update conflict: cannot happen at READ COMMITTED, so not hidden by retries
    public void PermanentNumbers_AreNotRetried(int number) =>
        Assert.False(SqlServerErrors.IsTransient([number, 3621]));

    [Fact]
    public async Task RefusedConnection_IsTransient_AndNotADuplicate()
    {
        // A real SqlException without a server: on Linux it carries number 0 and a SocketException,
        // so only the inner-exception rule makes it transient (and the store answer 503, not 500).
        var connectionString = $"Server=tcp:127.0.0.1,{PortAllocator.UnusedLoopbackPort()};User ID=sa;Password=unused;Connect Timeout=1;Encrypt=false";
        await using var connection = new SqlConnection(connectionString);

        var refused = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        Assert.True(SqlServerErrors.IsTransient(refused), $"numbers {string.Join(",", refused.Errors.Cast<SqlError>().Select(e => e.Number))}: {refused.Message}");
        Assert.False(SqlServerErrors.IsUniqueViolation(refused));
    }

    [Fact]
    public async Task ConnectionDroppedByTheServerSide_BeforeTheLoginCompleted_IsTransient()
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

        Assert.True(SqlServerErrors.IsTransient(dropped),
            $"numbers {string.Join(",", dropped.Errors.Cast<SqlError>().Select(e => $"{e.Number} class {e.Class}"))}, inner {dropped.InnerException?.GetType().Name}: {dropped.Message}");
    }

    [Fact]
    public void Timeout_IsTransient_AndOtherExceptionsAreNot()
    {
        Assert.True(SqlServerErrors.IsTransient(new TimeoutException()));
        Assert.False(SqlServerErrors.IsTransient(new InvalidOperationException()));
    }
}
