using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Every piece of T-SQL that can reach a SQL Server: the migration scripts in sql/sqlserver/ and
/// every const string of <see cref="SqlServerSql"/>, found by reflection so none escapes the checks.
/// </summary>
internal static class SqlServerStatements
{
    public const string ScriptPrefix = "sql/sqlserver/";

    public const string ConstantPrefix = nameof(SqlServerSql) + ".";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    /// <summary>Script paths ("sql/sqlserver/0001_….sql") and constant names ("SqlServerSql.InsertOrder").</summary>
    public static IEnumerable<string> Names => All.Value.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<string> ConstantNames => Names.Where(name => name.StartsWith(ConstantPrefix, StringComparison.Ordinal));

    public static string Text(string name) => All.Value[name];

    /// <summary>The dialects the store must run on: SQL Server 2022 and the next version.</summary>
    public static IEnumerable<TSqlParser> Parsers() => [new TSql160Parser(initialQuotedIdentifiers: true), new TSql170Parser(initialQuotedIdentifiers: true)];

    public static TSqlFragment Parse(string name)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(Text(name)), out var errors);
        Assert.Empty(errors);
        return fragment;
    }

    private static Dictionary<string, string> Load()
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        var scripts = Path.Combine(RepositoryRoot(), "sql", "sqlserver");
        foreach (var path in Directory.EnumerateFiles(scripts, "*.sql"))
        {
            statements.Add(ScriptPrefix + Path.GetFileName(path), File.ReadAllText(path));
        }
        var constants = typeof(SqlServerSql)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string));
        foreach (var field in constants)
        {
            statements.Add(ConstantPrefix + field.Name, (string)field.GetRawConstantValue()!);
        }
        return statements;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orders.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Orders.sln above {AppContext.BaseDirectory}.");
    }
}
