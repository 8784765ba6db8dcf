using System.Threading.Channels;

namespace Orders.Api.Tests.Events;

/// <summary>
/// A broker port for <see cref="Orders.Api.Events.BrokerProbe"/>'s tests: each probe gets the next
/// scripted answer (accepting or not; the last one repeats), and a test can wait for each probe
/// before it moves the fake clock on, so every step happens in a known order, whatever the load.
/// </summary>
internal sealed class ScriptedBrokerPort(params bool[] answers)
{
    // Only a bound for a broken probe: a working one answers at once.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Channel<int> _probed = Channel.CreateUnbounded<int>();
    private int _probes;

    public int Probes => Volatile.Read(ref _probes);

    public Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        bool answer;
        lock (_lock)
        {
            answer = answers[Math.Min(_probes, answers.Length - 1)];
            _probes++;
        }
        _probed.Writer.TryWrite(0);
        return Task.FromResult(answer);
    }

    /// <summary>Waits for the next probe not yet waited for.</summary>
    public async Task ProbedAsync() =>
        await _probed.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Generous, TestContext.Current.CancellationToken);
}
