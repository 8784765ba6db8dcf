using Orders.Api.Storage.Errors;

namespace Orders.Api.Storage;

/// <summary>
/// Runs a whole unit of work (open, transaction, commit) again when the database reports a store
/// failure worth retrying (<see cref="StoreErrorKinds.IsRetried"/>), within a deadline that bounds
/// the attempts and the backoff together. Safe for creates, ambiguous commits included, because the
/// order's id is fixed before the first attempt: a retry that meets an earlier attempt's commit sees
/// its own order and answers 201 (<see cref="CreateOrderResult.ForConflict"/>), never a second order
/// nor a 409 for it.
/// </summary>
/// <remarks>
/// Every store failure ends as <see cref="StoreUnavailableException"/> (503); anything else, a bug, is
/// rethrown as it is (500); a caller that cancelled gets an <see cref="OperationCanceledException"/>
/// for its token, whatever the attempt threw (the deadline's cancellation is ours: 503). The deadline
/// holds even against a driver call that ignores its token: the caller is answered at the deadline
/// and the abandoned attempt ends on its own.
/// </remarks>
public sealed class TransientRetry(
    int maxAttempts, TimeSpan deadline, Func<Exception, StoreErrorKind> classify, Action? onRetry = null, Action? clearPool = null)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(25);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken)
    {
        // The attempts' token: cancelled once the deadline has been answered, never because the caller
        // went away. A caller that leaves stops waiting (below), and its attempt runs on to its end, a
        // few milliseconds, so its connection goes back to the pool whole: cancelling Npgsql's batch
        // mid-way on client hang-ups left a pooled connection that skipped the header's result set, and
        // a later request on it read its lines as the header (a 500 in 2 of 42 PostgreSQL
        // runs of ClientAbortTests).
        var attempts = new CancellationTokenSource();
        var work = AttemptAsync(unitOfWork, attempts.Token, cancellationToken);
        // Disposed only once the last attempt has ended, however late: a driver may still hold the token.
        _ = work.ContinueWith(
            static (ended, source) => { _ = ended.Exception; ((IDisposable)source!).Dispose(); },
            attempts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await work.WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            // The answer first, the cancellation after it and off this path: cancelling runs the
            // drivers' callbacks, and Npgsql's sends a cancel request to the server and waits up to 2 s
            // for it, synchronously. Run by a timer at the deadline, those callbacks held the thread
            // pool while every frozen request's 503 waited for a thread (measured: 5.0 s for a 3 s
            // deadline, eight requests at once).
            _ = Task.Run(() => CancelAbandonedAsync(attempts), CancellationToken.None);
            throw new StoreUnavailableException(DeadlineMessage);
        }
    }

    private static async Task CancelAbandonedAsync(CancellationTokenSource attempts)
    {
        try
        {
            await attempts.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The abandoned attempt ended on its own meanwhile: nothing is left to cancel.
        }
    }

    private async Task<T> AttemptAsync<T>(Func<CancellationToken, Task<T>> unitOfWork, CancellationToken attemptsToken, CancellationToken callerToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // No new attempt for a caller that has gone; the one under way was left to end on its own.
            callerToken.ThrowIfCancellationRequested();
            try
            {
                return await unitOfWork(attemptsToken);
            }
            catch (Exception ex) when (callerToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                // The caller went away (the client hung up): nobody waits for what the attempt met
                // since, and it is neither a store failure to count nor worth another attempt.
                throw new OperationCanceledException("The request was cancelled by its caller.", ex, callerToken);
            }
            catch (Exception ex) when (!callerToken.IsCancellationRequested)
            {
                if (attemptsToken.IsCancellationRequested)
                {
                    // Whatever the cancellation at the deadline made the driver throw.
                    throw PastDeadline(ex);
                }
                var kind = classify(ex);
                if (!kind.IsStoreFailure())
                {
                    throw;
                }
                if (kind.ClearsPool())
                {
                    clearPool?.Invoke();
                }
                if (!kind.IsRetried() || attempt >= maxAttempts)
                {
                    throw new StoreUnavailableException($"The store failed {attempt} time(s), the last with {kind}.", ex);
                }
                onRetry?.Invoke();
                try
                {
                    await Task.Delay(Backoff(attempt), attemptsToken);
                }
                catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
                {
                    throw PastDeadline(ex);
                }
            }
        }
    }

    private string DeadlineMessage =>
        $"The store did not answer within the request's deadline of {deadline.TotalSeconds:0.###} s (Storage:RequestTimeoutSeconds).";

    private StoreUnavailableException PastDeadline(Exception last) => new(DeadlineMessage, last);

    // Exponential with full jitter, so that a burst of victims does not collide again in step.
    private static TimeSpan Backoff(int attempt) =>
        BaseDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
}
