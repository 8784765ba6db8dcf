using System.Net;
using System.Net.Sockets;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A TCP relay on a loopback port in front of a database server: every connection a client opens to
/// <see cref="Port"/> is copied byte for byte to the server and back. Each connection gets an
/// observer (<see cref="IRelayObserver"/>) that sees every chunk in both directions, which is how
/// the round-trip counters read the protocol; <see cref="CutAsync"/> drops every connection and
/// refuses new ones until <see cref="Resume"/>, which is how a fault test makes the server vanish
/// from the network without stopping it.
/// </summary>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly Func<IRelayObserver> _observe;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource _connections = new();
    private TcpListener _listener;
    private Task _accepting;

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

    /// <summary>The loopback port clients connect to; the same across <see cref="CutAsync"/> and <see cref="Resume"/>.</summary>
    public int Port { get; }

    /// <summary>Closes every relayed connection and stops listening: to a client the server is gone.</summary>
    public async Task CutAsync()
    {
        Task accepting;
        lock (_gate)
        {
            _listener.Stop();
            _connections.Cancel();
            accepting = _accepting;
        }
        await accepting;
    }

    /// <summary>Listens again on the same port, relaying new connections.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _connections.Dispose();
            _connections = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _accepting = AcceptAsync(_listener);
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
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped, or cut
            }
            lock (_gate)
            {
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
            // A cut is a broken network, not a polite close: reset the client's side.
            client.Client.LingerState = new LingerOption(true, 0);
        }
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
