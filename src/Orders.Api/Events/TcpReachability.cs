using System.Net.Sockets;

namespace Orders.Api.Events;

/// <summary>Whether a TCP port accepts connections: a connect and an immediate close, nothing sent.</summary>
internal static class TcpReachability
{
    /// <returns>False when refused, unreachable or not answered within <paramref name="timeout"/>.</returns>
    public static async Task<bool> AcceptsAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // no answer in time: a host that drops packets is as down as one that refuses
        }
    }
}
