using System.Diagnostics;
using Orders.Api.Storage;

namespace Orders.Api.Hosting;

/// <summary>
/// After the start-up migration, opens and warms Storage:PoolSize connections (<see cref="IStoreWarmUp"/>)
/// within Storage:WarmUpSeconds, then lets /health/ready say ready (<see cref="PoolWarmth"/>). A warm-up
/// that fails or runs out of time is logged and ends all the same: the instance then serves with the
/// sessions it has, as it did before warm-ups existed, rather than never becoming ready.
/// </summary>
internal sealed partial class PoolWarmUpService(
    StorageOptions options, IStoreWarmUp warmUp, PoolWarmth warmth, StartupMigration migration, ILogger<PoolWarmUpService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MigrationPoll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WarmUpSeconds == 0 || options.PoolSize == 0 || warmUp is NoWarmUp)
        {
            warmth.End();
            return;
        }
        try
        {
            // Bounded by the app's life: a postponed migration is retried until it succeeds or the app stops.
            while (migration.IsPending)
            {
                await Task.Delay(MigrationPoll, stoppingToken);
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            limit.CancelAfter(TimeSpan.FromSeconds(options.WarmUpSeconds));
            var started = Stopwatch.GetTimestamp();
            await warmUp.WarmUpAsync(options.PoolSize, limit.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogWarmed(logger, options.PoolSize, (long)elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            var cause = ex.Message.Split('\n', 2)[0];
            LogNotWarmed(logger, options.WarmUpSeconds, ex.GetType().Name, cause);
        }
        finally
        {
            warmth.End();
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Connection pool warmed: {Connections} connections in {Milliseconds} ms")]
    private static partial void LogWarmed(ILogger logger, int connections, long milliseconds);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning,
        Message = "Connection pool not warmed within Storage:WarmUpSeconds ({Seconds} s), serving with the sessions it has: {CauseType}: {Cause}")]
    private static partial void LogNotWarmed(ILogger logger, int seconds, string causeType, string cause);
}
