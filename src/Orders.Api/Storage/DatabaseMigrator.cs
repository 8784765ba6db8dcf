using System.Reflection;
using DbUp.Builder;
using DbUp.Engine;

namespace Orders.Api.Storage;

/// <summary>Applies the numbered scripts of sql/&lt;dialect&gt;/ that the database has not seen yet.</summary>
public interface IDatabaseMigrator
{
    void Migrate();

    /// <summary>True when the database answers and every script has been applied.</summary>
    bool IsUpToDate();
}

/// <summary>The DbUp part every dialect shares: which scripts, one transaction each, fail loudly.</summary>
internal static partial class DbUpMigrations
{
    public static void Run(UpgradeEngineBuilder builder, string dialect, ILogger logger)
    {
        DatabaseUpgradeResult result = Engine(builder, dialect).PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
        foreach (var script in result.Scripts)
        {
            LogApplied(logger, script.Name);
        }
    }

    /// <exception cref="Exception">Whatever the driver throws when the database cannot be reached.</exception>
    public static bool IsUpToDate(UpgradeEngineBuilder builder, string dialect) => !Engine(builder, dialect).IsUpgradeRequired();

    private static UpgradeEngine Engine(UpgradeEngineBuilder builder, string dialect) => builder
        .WithScriptsEmbeddedInAssembly(
            Assembly.GetExecutingAssembly(),
            // Embedded from the repository's sql/<dialect>/ folder (see Orders.Api.csproj).
            name => name.Contains($".sql.{dialect}.", StringComparison.Ordinal))
        .WithTransactionPerScript()
        .LogToNowhere()
        .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private static partial void LogApplied(ILogger logger, string script);
}
