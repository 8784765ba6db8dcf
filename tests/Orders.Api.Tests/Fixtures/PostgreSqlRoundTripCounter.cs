using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A loopback relay in front of a PostgreSQL server that counts round trips, the times a client had to
/// wait for the server. Each Sync or simple Query a client sends is answered by one ReadyForQuery; a
/// round trip starts when the client sends one while none of its earlier ones is unanswered, so
/// messages it pipelines (Npgsql's BEGIN ahead of a batch) count once, and a message it could only
/// send after reading an answer (a COMMIT after the batch) counts again. Connect through
/// <see cref="ConnectionString"/> (TLS and GSS encryption off, so the relay can read the protocol).
/// </summary>
public sealed class PostgreSqlRoundTripCounter : IAsyncDisposable
{
    // The untyped messages a connection starts with carry a code instead of a type byte; the
    // StartupMessage's code is the protocol version, 3.x, after which every message is typed.
    private const int ProtocolVersion3 = 3 << 16;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private int _roundTrips;

    public PostgreSqlRoundTripCounter(string connectionString)
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        _serverHost = server.Host ?? "127.0.0.1";
        _serverPort = server.Port;
        _listener.Start();
        server.Host = "127.0.0.1";
        server.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        server.SslMode = Npgsql.SslMode.Disable;
        server.GssEncryptionMode = Npgsql.GssEncryptionMode.Disable;
        ConnectionString = server.ToString();
        _accepting = AcceptAsync();
    }

    public string ConnectionString { get; }

    /// <summary>Round trips since the last <see cref="Reset"/>, over every connection.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void Reset() => Interlocked.Exchange(ref _roundTrips, 0);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_relays)
            {
                _relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
                var unanswered = new StrongBox<int>();
                var fromClient = CopyAsync(client.GetStream(), server.GetStream(), new Messages(startsUntyped: true, type => OnClientMessage(type, unanswered)));
                var fromServer = CopyAsync(server.GetStream(), client.GetStream(), new Messages(startsUntyped: false, type => OnServerMessage(type, unanswered)));
                await Task.WhenAny(fromClient, fromServer);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A closed side ends the relay; the other side sees its socket close.
            }
        }
    }

    // Per connection: how many of its Syncs and Queries the server has not answered yet.
    private void OnClientMessage(byte type, StrongBox<int> unanswered)
    {
        if (type is not ((byte)'S' or (byte)'Q'))
        {
            return;
        }
        lock (unanswered)
        {
            if (unanswered.Value++ == 0)
            {
                Interlocked.Increment(ref _roundTrips);
            }
        }
    }

    private static void OnServerMessage(byte type, StrongBox<int> unanswered)
    {
        if (type != (byte)'Z')
        {
            return;
        }
        lock (unanswered)
        {
            // The first ReadyForQuery ends the start-up and answers nothing the client sent.
            unanswered.Value = Math.Max(0, unanswered.Value - 1);
        }
    }

    private async Task CopyAsync(Stream from, Stream to, Messages parser)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }
            parser.Feed(buffer.AsSpan(0, read));
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }
        await Task.WhenAll(relays);
        _stop.Dispose();
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
