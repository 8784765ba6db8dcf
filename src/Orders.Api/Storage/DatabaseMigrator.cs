using System.Reflection;
using DbUp.Builder;
using DbUp.Engine;

namespace Orders.Api.Storage;

/// <summary>Applies the numbered scripts of sql/&lt;dialect&gt;/ that the database has not seen yet.</summary>
public interface IDatabaseMigrator
{
    void Migrate();
}

/// <summary>The DbUp part every dialect shares: which scripts, one transaction each, fail loudly.</summary>
internal static partial class DbUpMigrations
{
    public static void Run(UpgradeEngineBuilder builder, string dialect, ILogger logger)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(
                Assembly.GetExecutingAssembly(),
                // Embedded from the repository's sql/<dialect>/ folder (see Orders.Api.csproj).
                name => name.Contains($".sql.{dialect}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        DatabaseUpgradeResult result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
        foreach (var script in result.Scripts)
        {
            LogApplied(logger, script.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private static partial void LogApplied(ILogger logger, string script);
}
