using Orders.Api.Events;

namespace Orders.Api.Tests.Events;

/// <summary>Watches a TCP port and tells when it first accepts a connection: when a broker "answers again".</summary>
internal static class AcceptingPort
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <returns>The UTC time of the first connect that succeeded (to within the poll of 10 ms).</returns>
    /// <exception cref="TimeoutException">No connect succeeded within <paramref name="within"/>: the loop ends there, not with the test.</exception>
    public static async Task<DateTime> FirstAcceptAsync(BrokerAddress broker, TimeSpan within, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(within);
        try
        {
            while (!await TcpReachability.AcceptsAsync(broker.Host, broker.Port, ConnectTimeout, bound.Token))
            {
                await Task.Delay(Poll, bound.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{broker.Host}:{broker.Port} accepted no connection within {within.TotalSeconds:F0} s");
        }
        return DateTime.UtcNow;
    }
}
