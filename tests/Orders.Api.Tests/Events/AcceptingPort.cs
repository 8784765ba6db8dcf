using Orders.Api.Events;

namespace Orders.Api.Tests.Events;

/// <summary>Watches a TCP port and tells when it first accepts a connection: when a broker "answers again".</summary>
internal static class AcceptingPort
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <returns>The UTC time of the first connect that succeeded (to within the poll of 10 ms).</returns>
    public static async Task<DateTime> FirstAcceptAsync(BrokerAddress broker, CancellationToken cancellationToken)
    {
        while (!await TcpReachability.AcceptsAsync(broker.Host, broker.Port, ConnectTimeout, cancellationToken))
        {
            await Task.Delay(Poll, cancellationToken);
        }
        return DateTime.UtcNow;
    }
}
