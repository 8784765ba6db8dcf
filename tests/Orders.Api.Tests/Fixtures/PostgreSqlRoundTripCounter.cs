using System.Buffers.Binary;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A loopback relay in front of a PostgreSQL server that counts round trips, the times a client had to
/// wait for the server. Each Sync or simple Query a client sends is answered by one ReadyForQuery; a
/// round trip starts when the client sends one while none of its earlier ones is unanswered, so
/// messages it pipelines (Npgsql's BEGIN ahead of a batch) count once, and a message it could only
/// send after reading an answer (a COMMIT after the batch) counts again. Connect through
/// <see cref="ConnectionString"/> (TLS and GSS encryption off, so the relay can read the protocol).
/// </summary>
public sealed class PostgreSqlRoundTripCounter : IRoundTripCounter
{
    // The untyped messages a connection starts with carry a code instead of a type byte; the
    // StartupMessage's code is the protocol version, 3.x, after which every message is typed.
    private const int ProtocolVersion3 = 3 << 16;

    private readonly LoopbackRelay _relay;
    private int _roundTrips;

    public PostgreSqlRoundTripCounter(string connectionString)
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        _relay = new LoopbackRelay(server.Host ?? "127.0.0.1", server.Port, () => new Connection(this));
        server.Host = "127.0.0.1";
        server.Port = _relay.Port;
        server.SslMode = Npgsql.SslMode.Disable;
        server.GssEncryptionMode = Npgsql.GssEncryptionMode.Disable;
        ConnectionString = server.ToString();
    }

    public string ConnectionString { get; }

    public string OnePooledConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 1 }.ToString();

    /// <summary>Round trips since the last <see cref="Reset"/>, over every connection.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void Reset() => Interlocked.Exchange(ref _roundTrips, 0);

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    /// <summary>One connection: how many of its Syncs and Queries the server has not answered yet.</summary>
    private sealed class Connection : IRelayObserver
    {
        private readonly Lock _gate = new();
        private readonly Messages _fromClient;
        private readonly Messages _fromServer;
        private int _unanswered;

        public Connection(PostgreSqlRoundTripCounter counter)
        {
            _fromClient = new Messages(startsUntyped: true, type =>
            {
                if (type is not ((byte)'S' or (byte)'Q'))
                {
                    return;
                }
                lock (_gate)
                {
                    if (_unanswered++ == 0)
                    {
                        Interlocked.Increment(ref counter._roundTrips);
                    }
                }
            });
            _fromServer = new Messages(startsUntyped: false, type =>
            {
                if (type != (byte)'Z')
                {
                    return;
                }
                lock (_gate)
                {
                    // The first ReadyForQuery ends the start-up and answers nothing the client sent.
                    _unanswered = Math.Max(0, _unanswered - 1);
                }
            });
        }

        public void FromClient(ReadOnlySpan<byte> bytes) => _fromClient.Feed(bytes);

        public void FromServer(ReadOnlySpan<byte> bytes) => _fromServer.Feed(bytes);
    }

    /// <summary>Splits one direction's byte stream into protocol messages, however TCP cut it.</summary>
    private sealed class Messages(bool startsUntyped, Action<byte> onMessage)
    {
        // Typed: a type byte and an int32 length. Untyped (the client's start-up): an int32 length and an int32 code.
        private readonly byte[] _header = new byte[8];
        private int _headerBytes;
        private long _bodyLeft;
        private bool _typed = !startsUntyped;

        public void Feed(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, bytes.Length);
                    bytes = bytes[skip..];
                    _bodyLeft -= skip;
                    continue;
                }
                var headerLength = _typed ? 5 : 8;
                var take = Math.Min(headerLength - _headerBytes, bytes.Length);
                bytes[..take].CopyTo(_header.AsSpan(_headerBytes));
                _headerBytes += take;
                bytes = bytes[take..];
                if (_headerBytes < headerLength)
                {
                    continue;
                }
                _headerBytes = 0;
                if (_typed)
                {
                    onMessage(_header[0]);
                    _bodyLeft = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1, 4)) - 4;
                }
                else
                {
                    // A cancel request stays untyped; the StartupMessage (protocol 3.x) is the last.
                    _typed = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4, 4)) >> 16 == ProtocolVersion3 >> 16;
                    _bodyLeft = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(0, 4)) - 8;
                }
            }
        }
    }
}
