using System.Net;
using System.Net.Sockets;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A TCP relay on a loopback port in front of a database server: every connection a client opens to
/// <see cref="Port"/> is copied byte for byte to the server and back. Each connection gets an
/// observer (<see cref="IRelayObserver"/>) that sees every chunk in both directions, which is how
/// the round-trip counters read the protocol; <see cref="Cut"/> resets every connection, and every
/// new one as soon as it is accepted, until <see cref="Resume"/>: how a fault test makes the server
/// fail as a restarting server or a gateway whose server is gone does, without stopping it.
/// </summary>
/// <remarks>
/// Accepted and reset, rather than refused: SqlClient retries a refused connect until its Connect
/// Timeout (15 s by default) runs out, which would measure that timeout rather than the API.
/// </remarks>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly Func<IRelayObserver> _observe;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Lock _gate = new();
    private readonly TcpListener _listener;
    private readonly Task _accepting;
    private CancellationTokenSource _connections = new();
    private bool _cut;

    public LoopbackRelay(string serverHost, int serverPort, Func<IRelayObserver>? observe = null)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        _observe = observe ?? (() => IRelayObserver.None);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Resets every relayed connection, and every new one until <see cref="Resume"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            _connections.Cancel();
        }
    }

    /// <summary>Relays new connections again.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _cut = false;
            _connections.Dispose();
            _connections = new CancellationTokenSource();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return; // stopped
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                continue; // a client that gave up while queued; the listener itself is fine
            }
            catch (SocketException)
            {
                return; // stopped
            }
            lock (_gate)
            {
                if (_cut)
                {
                    Reset(client);
                    continue;
                }
                _relays.RemoveAll(relay => relay.IsCompleted);
                _relays.Add(RelayAsync(client, CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _connections.Token)));
            }
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationTokenSource lifetime)
    {
        using (lifetime)
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_serverHost, _serverPort, lifetime.Token);
                var observer = _observe();
                var fromClient = CopyAsync(client.GetStream(), server.GetStream(), observer.FromClient, lifetime.Token);
                var fromServer = CopyAsync(server.GetStream(), client.GetStream(), observer.FromServer, lifetime.Token);
                await Task.WhenAny(fromClient, fromServer);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A closed side ends the relay; the other side sees its socket close.
            }
            // A cut is a broken connection, not a polite close.
            Reset(client);
        }
    }

    // Never throws: a client that already hung up makes setting the linger option fail, and an
    // exception here would end the accept loop, leaving every later connection unanswered.
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the other side: nothing left to reset.
        }
        client.Dispose();
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, Action<ReadOnlySpan<byte>> observe, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, ct);
            if (read == 0)
            {
                return;
            }
            observe(buffer.AsSpan(0, read));
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] relays;
        lock (_gate)
        {
            _listener.Stop();
            relays = [.. _relays, _accepting];
        }
        await Task.WhenAll(relays);
        _connections.Dispose();
        _stop.Dispose();
    }
}

/// <summary>What one relayed connection's bytes are shown to, in the order they pass.</summary>
public interface IRelayObserver
{
    static readonly IRelayObserver None = new Ignoring();

    void FromClient(ReadOnlySpan<byte> bytes);

    void FromServer(ReadOnlySpan<byte> bytes);

    private sealed class Ignoring : IRelayObserver
    {
        public void FromClient(ReadOnlySpan<byte> bytes) { }

        public void FromServer(ReadOnlySpan<byte> bytes) { }
    }
}
