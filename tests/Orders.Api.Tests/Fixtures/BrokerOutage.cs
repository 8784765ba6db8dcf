namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// A broker outage a test began (<see cref="RabbitMqNode.StopBrokerAsync"/>,
/// <see cref="RabbitMqNode.StopNodeAsync"/>). Ending it brings the broker back; disposing it
/// unended does the same, so a test that fails mid-outage leaves the next test a broker.
/// </summary>
public sealed class BrokerOutage(Func<Task> end) : IAsyncDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _ended;

    /// <summary>Starts the broker again (once; later calls return at once).</summary>
    public async Task EndAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (!_ended)
            {
                await end();
                _ended = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        _once.Dispose();
    }
}
