using Orders.Api.Storage;

namespace Orders.Api.Tests.Unit;

public sealed class TransientRetryTests
{
    private sealed class Transient : Exception;

    [Fact]
    public async Task TransientFailures_AreRetried_AndEachRetryIsReported()
    {
        var retries = 0;
        var calls = 0;
        var retry = new TransientRetry(3, ex => ex is Transient, () => retries++);

        var result = await retry.RunAsync(_ => ++calls < 3 ? throw new Transient() : Task.FromResult("done"), TestContext.Current.CancellationToken);

        Assert.Equal("done", result);
        Assert.Equal(3, calls);
        Assert.Equal(2, retries);
    }

    [Fact]
    public async Task AfterTheLastAttempt_TheStoreIsUnavailable()
    {
        var calls = 0;
        var retry = new TransientRetry(3, ex => ex is Transient);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            retry.RunAsync<int>(_ => { calls++; throw new Transient(); }, TestContext.Current.CancellationToken));

        Assert.Equal(3, calls);
        Assert.IsType<Transient>(error.InnerException);
    }

    [Fact]
    public async Task OtherFailures_AreNotRetried()
    {
        var calls = 0;
        var retry = new TransientRetry(3, ex => ex is Transient);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            retry.RunAsync<int>(_ => { calls++; throw new InvalidOperationException(); }, TestContext.Current.CancellationToken));

        Assert.Equal(1, calls);
    }
}
