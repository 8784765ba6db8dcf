using Orders.Api.Configuration;
using Orders.Api.Storage;

namespace Orders.Api.Hosting;

/// <summary>
/// <c>Storage:MigrateOnStartup</c>: migrate before serving. What happens when that fails depends on why:
/// <list type="bullet">
/// <item>a configuration mistake (no such database, login refused, unusable SQLite file) or a script the
/// database rejects: one logged error and exit 1, before anything is served;</item>
/// <item>an unreachable server: the app starts anyway and keeps retrying in the background (2 s,
/// doubling to 30 s). Until a retry succeeds, /health/ready and every order endpoint answer 503
/// STORE_UNAVAILABLE with Retry-After, so an orchestrator neither routes traffic to it nor restarts it
/// in a loop while the database is down. A mistake found by a later retry stops the app with exit 1.</item>
/// </list>
/// </summary>
internal sealed partial class StartupMigration(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupMigration> logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private volatile bool _pending;

    /// <summary>True while the start-up migration is still being retried: the store must not be used yet.</summary>
    public bool IsPending => _pending;

    /// <summary>1 when a background retry met a mistake and stopped the app; Program.cs exits with it.</summary>
    public int ExitCode { get; private set; }

    /// <exception cref="StartupFailureException">A mistake only the operator can fix, said in one line.</exception>
    public void Start()
    {
        var options = services.GetRequiredService<StorageOptions>();
        var target = DatabaseTarget.Describe(options.Provider, services.GetRequiredService<OrdersConnectionString>().MigrationTarget);
        if (!options.MigrateOnStartup)
        {
            return;
        }
        var failure = TryMigrate(options.Provider, target);
        if (failure is null)
        {
            return;
        }
        if (failure.Value.Kind != StartupDatabaseFailure.Unreachable)
        {
            throw new StartupFailureException(failure.Value.Message);
        }
        _pending = true;
        LogPostponed(logger, failure.Value.Message, FirstRetryDelay.TotalSeconds);
        _ = Task.Run(() => RetryAsync(options.Provider, target, lifetime.ApplicationStopping));
    }

    // Bounded by the life of the process: it ends on success, on a mistake, or when the app stops.
    private async Task RetryAsync(StorageProvider provider, string target, CancellationToken stopping)
    {
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var failure = TryMigrate(provider, target);
            if (failure is null)
            {
                _pending = false;
                LogMigrated(logger, target);
                return;
            }
            if (failure.Value.Kind != StartupDatabaseFailure.Unreachable)
            {
                LogGivingUp(logger, failure.Value.Message);
                ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            LogStillUnreachable(logger, failure.Value.Message, delay.TotalSeconds);
        }
    }

    private (StartupDatabaseFailure Kind, string Message)? TryMigrate(StorageProvider provider, string target) =>
        TryMigrate(services.GetRequiredService<IDatabaseMigrator>(), provider, target, logger);

    /// <summary>Migrates; on failure, what kind it was and one line saying it (details at Debug).</summary>
    internal static (StartupDatabaseFailure Kind, string Message)? TryMigrate(
        IDatabaseMigrator migrator, StorageProvider provider, string target, ILogger logger)
    {
        try
        {
            migrator.Migrate();
            return null;
        }
#pragma warning disable CA1031 // Every failure is sorted into unreachable / mistake / failed and said in one line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDetails(logger, ex);
            return StartupDatabaseErrors.Classify(target, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Start-up migration postponed: {Reason}. Serving anyway: /health/ready and the order endpoints answer 503 " +
        "until a migration succeeds; retrying in {DelaySeconds} s, then less and less often (at most every 30 s)")]
    private static partial void LogPostponed(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up migration still postponed: {Reason}; next try in {DelaySeconds} s")]
    private static partial void LogStillUnreachable(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up migration done on {Target}; the order endpoints are open")]
    private static partial void LogMigrated(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Reason}")]
    private static partial void LogGivingUp(ILogger logger, string reason);

    // Off by default; the one-line messages are what an operator reads.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Migration attempt failed")]
    private static partial void LogDetails(ILogger logger, Exception exception);
}
