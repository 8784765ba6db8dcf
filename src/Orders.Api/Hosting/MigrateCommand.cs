using Orders.Api.Configuration;
using Orders.Api.Storage;

namespace Orders.Api.Hosting;

/// <summary>
/// <c>dotnet Orders.Api.dll migrate</c>: apply pending migrations and exit (0 on success), for
/// deployment pipelines that migrate before rolling out instances with Storage:MigrateOnStartup=false.
/// Any failure, an unreachable server included, is one log line naming the database and exit 1: a
/// pipeline step does not wait for a server, it fails and is re-run.
/// </summary>
public static partial class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <exception cref="StartupFailureException">A setting to fix (see <see cref="StartupGuard"/>).</exception>
    public static int Run(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        var provider = app.Services.GetRequiredService<StorageOptions>().Provider;
        var target = DatabaseTarget.Describe(provider, app.Services.GetRequiredService<OrdersConnectionString>().MigrationTarget);
        var failure = StartupMigration.TryMigrate(app.Services.GetRequiredService<IDatabaseMigrator>(), provider, target, logger);
        if (failure is null)
        {
            LogDone(logger, target);
            return 0;
        }
        LogFailed(logger, failure.Value.Message);
        return StartupGuard.MistakeExitCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations applied on {Target}; the database is up to date")]
    private static partial void LogDone(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migration failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
