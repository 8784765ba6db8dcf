using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Orders.Api.Storage.SqlServer;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Every piece of T-SQL that can reach a SQL Server: the migration scripts in sql/sqlserver/ and
/// every const string of <see cref="SqlServerSql"/> and <see cref="SqlServerEventSql"/>, found by
/// reflection so none escapes the checks.
/// </summary>
internal static class SqlServerStatements
{
    public const string ScriptPrefix = "sql/sqlserver/";

    public const string ConstantPrefix = nameof(SqlServerSql) + ".";

    public const string EventConstantPrefix = nameof(SqlServerEventSql) + ".";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    /// <summary>Script paths ("sql/sqlserver/0001_….sql") and constant names ("SqlServerSql.InsertOrder").</summary>
    public static IEnumerable<string> Names => All.Value.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<string> ConstantNames => Names.Where(name =>
        name.StartsWith(ConstantPrefix, StringComparison.Ordinal) || name.StartsWith(EventConstantPrefix, StringComparison.Ordinal));

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
        var scripts = Path.Combine(RepositoryFiles.Root, "sql", "sqlserver");
        foreach (var path in Directory.EnumerateFiles(scripts, "*.sql"))
        {
            statements.Add(ScriptPrefix + Path.GetFileName(path), File.ReadAllText(path));
        }
        foreach (var type in new[] { typeof(SqlServerSql), typeof(SqlServerEventSql) })
        {
            var constants = type
                .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(field => field.IsLiteral && field.FieldType == typeof(string));
            foreach (var field in constants)
            {
                statements.Add(type.Name + "." + field.Name, (string)field.GetRawConstantValue()!);
            }
        }
        return statements;
    }
}
