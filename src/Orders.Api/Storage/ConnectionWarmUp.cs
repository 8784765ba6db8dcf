using System.Data.Common;

namespace Orders.Api.Storage;

/// <summary>The warm-up's shape on every server store: open the connections, warm each, return them all.</summary>
internal static class ConnectionWarmUp
{
    /// <summary>
    /// Opens <paramref name="connections"/> connections at once and holds every one until all are warm, so
    /// the pool makes that many sessions instead of handing one back out; then returns them to the pool,
    /// also those opened before a failure or the deadline.
    /// </summary>
    public static async Task RunAsync<TConnection>(
        int connections,
        Func<CancellationToken, Task<TConnection>> open,
        Func<TConnection, CancellationToken, Task> warm,
        CancellationToken cancellationToken)
        where TConnection : DbConnection
    {
        var opened = new List<TConnection>();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                var connection = await open(cancellationToken);
                lock (opened)
                {
                    opened.Add(connection);
                }
                await warm(connection, cancellationToken);
            }));
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
