using System.Net.Sockets;
using Npgsql;
using Orders.Api.Storage.Errors;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// What PostgreSQL's and Citus's errors mean for the client, on real Npgsql exception objects (the
/// texts are the ones Citus 13.2 and libpq write).
/// </summary>
public sealed class PostgreSqlErrorsTests
{
    private static PostgresException Pg(string sqlState, string message = "an error") => new(message, "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40001", StoreErrorKind.Conflict)]
    [InlineData("40P01", StoreErrorKind.Conflict)]
    [InlineData("55P03", StoreErrorKind.Conflict)]
    [InlineData("53300", StoreErrorKind.Busy)]
    [InlineData("53200", StoreErrorKind.Busy)]
    [InlineData("57014", StoreErrorKind.Timeout)]
    [InlineData("57P01", StoreErrorKind.NodeUnavailable)]
    [InlineData("57P02", StoreErrorKind.NodeUnavailable)]
    [InlineData("57P03", StoreErrorKind.NodeUnavailable)]
    [InlineData("25006", StoreErrorKind.NodeUnavailable)]
    [InlineData("08000", StoreErrorKind.ConnectionLost)]
    [InlineData("08003", StoreErrorKind.ConnectionLost)]
    [InlineData("08006", StoreErrorKind.ConnectionLost)]
    [InlineData("08001", StoreErrorKind.NodeUnavailable)]
    [InlineData("08004", StoreErrorKind.NodeUnavailable)]
    [InlineData("08007", StoreErrorKind.AmbiguousCommit)]
    [InlineData("28P01", StoreErrorKind.Refused)]
    [InlineData("3D000", StoreErrorKind.Refused)]
    public void SqlStates_HaveTheirKind(string sqlState, StoreErrorKind kind) =>
        Assert.Equal(kind, StoreErrors.Classify(Pg(sqlState)));

    [Theory]
    [InlineData("23505")] // a unique violation the store did not expect: our bug
    [InlineData("23514")] // a check constraint: the API let an invalid order through
    [InlineData("42P01")] // undefined table
    [InlineData("42601")] // syntax error
    [InlineData("22001")] // string too long
    [InlineData("08P01")] // protocol violation: what the client sent was malformed
    [InlineData("XX000")] // an internal error that is not one of Citus's below
    public void Bugs_AreBugs(string sqlState) => Assert.Equal(StoreErrorKind.Bug, StoreErrors.Classify(Pg(sqlState)));

    [Fact]
    public void CitusCommitFailure_IsAnAmbiguousCommit() => Assert.Equal(StoreErrorKind.AmbiguousCommit,
        StoreErrors.Classify(Pg("XX000", "could not commit transaction for shard 102060 on at least one active node")));

    [Theory]
    [InlineData("08006", "connection to the remote node postgres@127.0.0.1:9701 failed with the following error: Connection refused")]
    [InlineData("08006", "connection establishment for node 127.0.0.1:9701 failed")]
    [InlineData("08006", "could not establish any connections to the node 127.0.0.1:9701 after 30000 ms")]
    [InlineData("XX000", "server closed the connection unexpectedly")]
    [InlineData("XX000", "connection not open")]
    [InlineData("XX000", "connection to the remote node postgres@127.0.0.1:9701 failed")]
    public void CitusRemoteNodeFailures_AreWorkerUnavailable(string sqlState, string message) =>
        Assert.Equal(StoreErrorKind.WorkerUnavailable, StoreErrors.Classify(Pg(sqlState, message)));

    [Fact]
    public void ABrokenSocket_IsALostConnection() => Assert.Equal(StoreErrorKind.ConnectionLost,
        StoreErrors.Classify(new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer", new SocketException(104)))));

    [Fact]
    public void ARefusedConnect_IsALostConnection() => Assert.Equal(StoreErrorKind.ConnectionLost,
        StoreErrors.Classify(new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void AReadOrConnectOrPoolTimeout_IsATimeout() => Assert.Equal(StoreErrorKind.Timeout,
        StoreErrors.Classify(new NpgsqlException("The operation has timed out", new TimeoutException())));

    [Fact]
    public async Task ARealRefusedConnect_IsARetriedStoreFailure()
    {
        // Nothing listens on the port: what a restarting server looks like to Npgsql.
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Fixtures.PortAllocator.UnusedLoopbackPort()};Username=x;Timeout=2;Pooling=false");

        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        Assert.True(StoreErrors.Classify(refused).IsRetried(), $"{refused.GetType().Name}: {refused.Message} (inner {refused.InnerException?.GetType().Name})");
    }

    [Fact]
    public void OtherNpgsqlErrors_AreBugs() =>
        Assert.Equal(StoreErrorKind.Bug, StoreErrors.Classify(new NpgsqlException("Parameter 'Owner' must be set")));
}
