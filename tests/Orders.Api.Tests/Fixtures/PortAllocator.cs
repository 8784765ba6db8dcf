using System.Net;
using System.Net.Sockets;

namespace Orders.Api.Tests.Fixtures;

internal static class PortAllocator
{
    /// <summary>A loopback port the OS just handed out and that nothing listens on now.</summary>
    public static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
