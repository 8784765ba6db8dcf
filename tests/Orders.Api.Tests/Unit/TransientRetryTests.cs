using System.Diagnostics;
using Npgsql;
using Orders.Api.Model;
using Orders.Api.Storage.Errors;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Unit;

public sealed class TransientRetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    // What the Citus cluster answered at COMMIT when a worker died.
    private static PostgresException AmbiguousCommit() =>
        new("could not commit transaction for shard 102060 on at least one active node", "ERROR", "ERROR", "XX000");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoreErrorKind Conflicts(Exception ex) => ex is Transient ? StoreErrorKind.Conflict : StoreErrorKind.Bug;

    private sealed class Transient : Exception;

    [Fact]
    public async Task TransientFailures_AreRetried_AndEachRetryIsReported()
    {
        var retries = 0;
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, Conflicts, () => retries++);

        var result = await retry.RunAsync(_ => ++calls < 3 ? throw new Transient() : Task.FromResult("done"), Ct);

        Assert.Equal("done", result);
        Assert.Equal(3, calls);
        Assert.Equal(2, retries);
    }

    [Fact]
    public async Task AfterTheLastAttempt_TheStoreIsUnavailable()
    {
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, Conflicts);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            retry.RunAsync<int>(_ => { calls++; throw new Transient(); }, Ct));

        Assert.Equal(3, calls);
        Assert.IsType<Transient>(error.InnerException);
    }

    [Fact]
    public async Task WhatADriverThrowsOnceTheCallerCancelled_IsTheCallersCancellation_NeitherRetriedNorClassified()
    {
        // Given a caller that goes away while the attempt runs, and an attempt that then fails (here
        // synchronously, before the retry waits for anything)
        using var caller = new CancellationTokenSource();
        var (calls, classified, retries) = (0, 0, 0);
        var retry = new TransientRetry(3, Deadline, _ => { classified++; return StoreErrorKind.ConnectionLost; }, () => retries++);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.RunAsync<int>(_ =>
        {
            calls++;
            caller.Cancel();
            throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        }, caller.Token));

        // then the request ends as cancelled by its caller: one attempt, nothing classified or retried.
        Assert.Equal(caller.Token, error.CancellationToken);
        Assert.Equal((1, 0, 0), (calls, classified, retries));
    }

    [Fact]
    public async Task ACallerThatLeaves_StopsWaiting_WhileItsAttemptRunsOnUncancelled()
    {
        // Given an attempt under way (a batch on the wire),
        using var caller = new CancellationTokenSource();
        var attemptToken = new TaskCompletionSource<CancellationToken>();
        var finish = new TaskCompletionSource<int>();
        var retry = new TransientRetry(3, TimeSpan.FromSeconds(30), StoreErrors.Classify);
        var run = retry.RunAsync(ct => { attemptToken.SetResult(ct); return finish.Task; }, caller.Token);
        var token = await attemptToken.Task.WaitAsync(Ct);

        // when its caller leaves,
        await caller.CancelAsync();

        // the caller's wait ends as a cancellation, and the attempt's token is left alone: a command
        // cancelled mid-way can leave its pooled connection out of step for the next request.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(token.IsCancellationRequested);
        finish.SetResult(1);
    }

    [Fact]
    public async Task Bugs_AreNotRetried_AndStayWhatTheyAre()
    {
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            retry.RunAsync<int>(_ => { calls++; throw new InvalidOperationException(); }, Ct));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ARefusedLogin_IsUnavailableAtOnce_WithoutRetries()
    {
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => retry.RunAsync<int>(_ =>
        {
            calls++;
            throw new PostgresException("password authentication failed for user \"orders\"", "FATAL", "FATAL", "28P01");
        }, Ct));

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("08006", "failed", true)]  // connection failure
    [InlineData("57P01", "failed", true)]  // terminated by an administrator or a failover
    [InlineData("40P01", "failed", false)] // a deadlock says nothing about the connections
    // A Citus worker the coordinator cannot reach: the coordinator answered, so its connections are sound.
    [InlineData("08006", "connection to the remote node postgres@127.0.0.1:9701 failed with the following error: Connection refused", false)]
    [InlineData("XX000", "server closed the connection unexpectedly", false)]
    public async Task ConnectionErrors_ClearThePool(string sqlState, string message, bool clears)
    {
        var cleared = 0;
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify, clearPool: () => cleared++);

        await retry.RunAsync(_ => ++calls == 1 ? throw new PostgresException(message, "ERROR", "ERROR", sqlState) : Task.FromResult(0), Ct);

        Assert.Equal(clears ? 1 : 0, cleared);
    }

    [Fact]
    public async Task AnAmbiguousCommitThatDidCommit_IsRetried_AndTheRetryAnswersCreatedForItsOwnOrder()
    {
        // Given a first attempt whose commit reached the database although Citus reported it failed,
        var stored = new Dictionary<string, Order>();
        var order = new OrderFactory(TimeProvider.System).Create("owner-1", new OrderDraft(
            "ambiguous-1", "EUR", new Customer("ada@example.com", "Ada", null), null, [new OrderLineDraft("SKU-1", 1, 100)]));
        var calls = 0;
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify);

        // when the unit of work is retried as the store runs it (insert, or answer with the holder of the reference),
        var result = await retry.RunAsync(_ =>
        {
            calls++;
            if (stored.TryGetValue(order.ClientReference, out var existing))
            {
                return Task.FromResult(CreateOrderResult.ForConflict(order, existing));
            }
            stored[order.ClientReference] = order;
            return calls == 1 ? throw AmbiguousCommit() : Task.FromResult<CreateOrderResult>(new CreateOrderResult.Created(order));
        }, Ct);

        // then the retry recognises its own order: 201, not a 409 for the request's own order.
        Assert.Equal(2, calls);
        Assert.Equal(order.OrderId, Assert.IsType<CreateOrderResult.Created>(result).Order.OrderId);
    }

    [Fact]
    public async Task AUnitOfWorkThatIgnoresItsToken_IsAnsweredUnavailableAtTheDeadline()
    {
        // A driver call that never returns and never looks at its token.
        var never = new TaskCompletionSource<int>();
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify);
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => retry.RunAsync(_ => never.Task, Ct));

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, Deadline - TimeSpan.FromMilliseconds(50), Deadline + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TheDeadline_BoundsTheAttemptsAndTheBackoffTogether()
    {
        // Ten attempts of 300 ms each, none of which heeds its token, would take 3 s and more.
        var calls = 0;
        var retry = new TransientRetry(10, Deadline, Conflicts);
        var started = Stopwatch.GetTimestamp();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => retry.RunAsync<int>(async _ =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(300, CancellationToken.None);
            throw new Transient();
        }, Ct));

        Assert.InRange(Stopwatch.GetElapsedTime(started), Deadline - TimeSpan.FromMilliseconds(50), Deadline + TimeSpan.FromSeconds(1));
        Assert.InRange(Volatile.Read(ref calls), 1, 4);
    }

    [Fact]
    public async Task TheAttemptsToken_IsCancelledAtTheDeadline()
    {
        var retry = new TransientRetry(3, Deadline, StoreErrors.Classify);

        // A unit of work that does heed its token ends with the deadline's 503, not a cancellation.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => retry.RunAsync(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, Ct));
    }

    [Fact]
    public async Task TheCallerGoingAway_IsACancellation_NotAnOutage()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var retry = new TransientRetry(3, TimeSpan.FromSeconds(30), StoreErrors.Classify);
        caller.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.RunAsync(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, caller.Token));
    }
}
