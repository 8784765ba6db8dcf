using System.Net;
using System.Net.Sockets;
using Orders.Api.Events;

namespace Orders.Api.Tests.Events;

/// <summary>The probe's real connector and the address it probes, on loopback sockets; no timing is asserted.</summary>
public sealed class TcpReachabilityTests
{
    // Generous: a loopback connect answers in microseconds, but a loaded machine may be slow to schedule it.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AListeningPort_Accepts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.True(await TcpReachability.AcceptsAsync("127.0.0.1", port, Timeout, Ct));
    }

    [Fact]
    public async Task AClosedPort_DoesNotAccept()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        Assert.False(await TcpReachability.AcceptsAsync("127.0.0.1", port, Timeout, Ct));
    }

    [Theory]
    [InlineData("amqp://guest:secret@broker.example:5673/", "broker.example", 5673)]
    [InlineData("amqp://guest:secret@broker.example/", "broker.example", 5672)]
    [InlineData("amqps://guest:secret@broker.example/vhost", "broker.example", 5671)]
    [InlineData("amqp://guest:secret@[::1]:5674/", "::1", 5674)]
    public void TheAddressProbed_IsTheUrisHostAndPort_OrTheSchemesPort(string uri, string host, int port)
    {
        var address = BrokerAddress.Of(uri);

        Assert.Equal(new BrokerAddress(host, port), address);
        Assert.DoesNotContain("secret", address.ToString(), StringComparison.Ordinal);
    }
}
