using Orders.Api.Storage;

namespace Orders.Api.Extensions;

/// <summary>
/// <c>dotnet Orders.Api.dll migrate</c>: apply pending migrations and exit (0 on success), for
/// deployment pipelines that migrate before rolling out instances with Storage:MigrateOnStartup=false.
/// </summary>
public static partial class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        try
        {
            var provider = app.Services.GetRequiredService<StorageOptions>().Provider;
            app.Services.GetRequiredService<IDatabaseMigrator>().Migrate();
            LogDone(logger, provider);
            return 0;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations applied ({Provider}); the database is up to date")]
    private static partial void LogDone(ILogger logger, StorageProvider provider);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migration failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
