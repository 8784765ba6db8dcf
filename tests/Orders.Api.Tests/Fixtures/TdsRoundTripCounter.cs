using Microsoft.Data.SqlClient;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A loopback relay in front of a SQL Server (or any TDS engine) that counts round trips, the times a
/// client had to wait for the server. TDS without MARS is strictly request and response: a client
/// sends a whole request message (an RPC, a SQL batch, a transaction-manager request such as
/// SqlClient's BEGIN TRANSACTION or COMMIT), then reads the whole answer before it sends anything
/// else. So a round trip starts whenever the client sends bytes after the server last spoke; a
/// request split over several packets, or several socket writes, counts once. Because it reads only
/// the direction of the traffic, never its content, it works whether or not the login is encrypted.
/// </summary>
public sealed class TdsRoundTripCounter : IRoundTripCounter
{
    private readonly LoopbackRelay _relay;
    private int _roundTrips;

    public TdsRoundTripCounter(string connectionString)
    {
        var server = new SqlConnectionStringBuilder(connectionString);
        var (host, port) = SqlServerEndpoint.Parse(server.DataSource);
        _relay = new LoopbackRelay(host, port, () => new Connection(this));
        server.DataSource = $"tcp:127.0.0.1,{_relay.Port}";
        ConnectionString = server.ConnectionString;
    }

    public string ConnectionString { get; }

    public string OnePooledConnectionString => new SqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 1 }.ConnectionString;

    /// <summary>Round trips since the last <see cref="Reset"/>, over every connection.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void Reset() => Interlocked.Exchange(ref _roundTrips, 0);

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    private sealed class Connection(TdsRoundTripCounter counter) : IRelayObserver
    {
        private readonly Lock _gate = new();
        private bool _serverSpokeLast = true; // the client's first bytes start its first round trip

        public void FromClient(ReadOnlySpan<byte> bytes)
        {
            lock (_gate)
            {
                if (_serverSpokeLast)
                {
                    _serverSpokeLast = false;
                    Interlocked.Increment(ref counter._roundTrips);
                }
            }
        }

        public void FromServer(ReadOnlySpan<byte> bytes)
        {
            lock (_gate)
            {
                _serverSpokeLast = true;
            }
        }
    }
}
