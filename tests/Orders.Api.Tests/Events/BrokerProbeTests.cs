using Microsoft.Extensions.Time.Testing;
using Orders.Api.Events;

namespace Orders.Api.Tests.Events;

/// <summary>
/// The relay's broker probe, step by step on a fake clock with a scripted port: each test moves the
/// clock one probe interval at a time and waits for that probe, so nothing depends on real timing.
/// </summary>
public sealed class BrokerProbeTests
{
    private static readonly TimeSpan Interval = BrokerProbe.Interval;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task APortThatRefusedThenAccepts_EndsTheWaitAtTheFirstAccept_LongBeforeTheBackoff()
    {
        var port = new ScriptedBrokerPort(false, false, true);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);
        var started = _clock.GetTimestamp();

        // Given a 30 s backoff during which the port refuses twice, then accepts
        var wait = probe.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await port.ProbedAsync(); // at once: refused
        await StepAsync(port); // refused
        await StepAsync(port); // accepting

        // Then the wait ends at that accept, two intervals in
        Assert.True(await wait.WaitAsync(Generous, Ct));
        Assert.Equal(2 * Interval, _clock.GetElapsedTime(started));
        Assert.Equal(3, port.Probes);
    }

    [Fact]
    public async Task APortThatAcceptsThroughout_NeverEndsTheWait_TheBackoffRunsItsLength()
    {
        // A broker that is up but refuses the relay (a login, a confirm timeout): no reason to retry sooner.
        var port = new ScriptedBrokerPort(true);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);
        var started = _clock.GetTimestamp();

        var wait = probe.WaitAsync(TimeSpan.FromSeconds(2), Ct);
        await port.ProbedAsync();
        for (var step = 0; step < 3; step++)
        {
            await StepAsync(port);
        }
        Assert.False(wait.IsCompleted);
        _clock.Advance(Interval);

        Assert.False(await wait.WaitAsync(Generous, Ct));
        Assert.Equal(TimeSpan.FromSeconds(2), _clock.GetElapsedTime(started));
        Assert.Equal(4, port.Probes);
    }

    [Fact]
    public async Task AfterAWake_AnAcceptingPortDoesNotWakeAgain_UntilItRefusedOnceMore()
    {
        var port = new ScriptedBrokerPort(false, true, true, true, false, true);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);

        // Given a wake: refused, then accepting
        var first = probe.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await port.ProbedAsync();
        await StepAsync(port);
        Assert.True(await first.WaitAsync(Generous, Ct));

        // When the next wait finds the port accepting twice, then refusing, then accepting
        var started = _clock.GetTimestamp();
        var second = probe.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await port.ProbedAsync(); // accepting: no wake
        await StepAsync(port); // accepting: no wake
        Assert.False(second.IsCompleted);
        await StepAsync(port); // refused
        Assert.False(second.IsCompleted);
        await StepAsync(port); // accepting after a refusal

        // Then only the accept after the new refusal ends it
        Assert.True(await second.WaitAsync(Generous, Ct));
        Assert.Equal(3 * Interval, _clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task ARefusalSeenInAnEarlierWait_WakesOnTheFirstAcceptOfALaterOne()
    {
        var port = new ScriptedBrokerPort(false, true);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);

        // Given a short backoff (shorter than a probe interval) that saw the port refuse and ran out
        await RefusedInAShortWaitAsync(probe, port);

        // Then the next wait ends at its first probe, which finds the port accepting
        Assert.True(await probe.WaitAsync(TimeSpan.FromSeconds(30), Ct).WaitAsync(Generous, Ct));
        Assert.Equal(2, port.Probes);
    }

    [Fact]
    public async Task AfterTheRelayPublished_AnEarlierRefusalNoLongerWakes()
    {
        var port = new ScriptedBrokerPort(false, true);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);
        await RefusedInAShortWaitAsync(probe, port);

        // When the relay published in between (the refusal is old news)
        probe.Reset();

        // Then an accepting port is no reason to end the next wait
        var second = probe.WaitAsync(Interval, Ct);
        await port.ProbedAsync();
        _clock.Advance(Interval);
        Assert.False(await second.WaitAsync(Generous, Ct));
    }

    [Fact]
    public async Task Stopping_EndsTheWaitAtOnce()
    {
        var port = new ScriptedBrokerPort(false);
        var probe = new BrokerProbe(port.AcceptsAsync, _clock);
        using var stopping = new CancellationTokenSource();

        var wait = probe.WaitAsync(TimeSpan.FromSeconds(30), stopping.Token);
        await port.ProbedAsync();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Generous, Ct));
    }

    // A 200 ms backoff (shorter than a probe interval) whose one probe finds the port refusing, run out.
    private async Task RefusedInAShortWaitAsync(BrokerProbe probe, ScriptedBrokerPort port)
    {
        var wait = probe.WaitAsync(TimeSpan.FromMilliseconds(200), Ct);
        await port.ProbedAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(await wait.WaitAsync(Generous, Ct));
    }

    // One probe interval on, and that interval's probe done.
    private async Task StepAsync(ScriptedBrokerPort port)
    {
        _clock.Advance(Interval);
        await port.ProbedAsync();
    }
}
