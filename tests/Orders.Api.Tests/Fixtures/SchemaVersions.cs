using DbUp;
using DbUp.Builder;
using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Puts a database at an older schema version: the app's own embedded scripts up to a number,
/// applied and journaled by DbUp as the app of that version did, so the app's migrator later applies
/// only the rest.
/// </summary>
public static class SchemaVersions
{
    public static void ApplyUpTo(IOrderDatabase database, int lastScript)
    {
        var (builder, dialect) = database.Provider switch
        {
            StorageProvider.PostgreSql => (DeployChanges.To.PostgresqlDatabase(database.ConnectionString), "postgresql"),
            StorageProvider.Sqlite => (DeployChanges.To.SqliteDatabase(database.ConnectionString), "sqlite"),
            _ => throw new NotSupportedException($"{database.Provider} has no server here"),
        };
        var result = Scripts(builder, dialect, lastScript).Build().PerformUpgrade();
        Assert.True(result.Successful, result.Error?.ToString());
    }

    // Resource names end in ".sql.<dialect>.NNNN_name.sql" (see Orders.Api.csproj).
    private static UpgradeEngineBuilder Scripts(UpgradeEngineBuilder builder, string dialect, int lastScript) => builder
        .WithScriptsEmbeddedInAssembly(typeof(IDatabaseMigrator).Assembly, name =>
        {
            var marker = $".sql.{dialect}.";
            var at = name.IndexOf(marker, StringComparison.Ordinal);
            return at >= 0 && int.Parse(name.AsSpan(at + marker.Length, 4), System.Globalization.CultureInfo.InvariantCulture) <= lastScript;
        })
        .WithTransactionPerScript()
        .LogToNowhere();
}
