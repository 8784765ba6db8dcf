using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Orders.Api.Tests.SqlServer;

/// <summary>
/// Microsoft's own T-SQL parser checks every SQL Server statement on every machine, with or without
/// a server: the store cannot ship a statement SQL Server 2022 (or the next version) would reject.
/// </summary>
public sealed class TSqlParsingTests
{
    public static TheoryData<string> Statements() => new(SqlServerStatements.Names);

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_ParsesWithoutErrors_OnSqlServer2022AndNext(string name)
    {
        var sql = SqlServerStatements.Text(name);

        foreach (var parser in SqlServerStatements.Parsers())
        {
            parser.Parse(new StringReader(sql), out var errors);

            Assert.True(errors.Count == 0, $"{parser.GetType().Name} rejects {name}:{Environment.NewLine}{Describe(errors)}");
        }
    }

    [Fact]
    public void Enumeration_FindsEveryScriptAndEveryStoreStatement()
    {
        // Guards the theory above against passing on an empty list: 2 scripts, 7 statements today.
        var names = SqlServerStatements.Names.ToList();

        Assert.True(names.Count(name => name.StartsWith(SqlServerStatements.ScriptPrefix, StringComparison.Ordinal)) >= 2, string.Join(", ", names));
        Assert.True(SqlServerStatements.ConstantNames.Count() >= 7, string.Join(", ", names));
        Assert.Contains("SqlServerSql.InsertOrder", names);
        Assert.Contains("sql/sqlserver/0001_create_orders.sql", names);
    }

    [Fact]
    public void Parser_RejectsABrokenStatement()
    {
        // The check has teeth: the same call reports a statement cut short.
        foreach (var parser in SqlServerStatements.Parsers())
        {
            parser.Parse(new StringReader("SELECT o.order_id FROM dbo.orders AS o WHERE o.owner_id = @Owner AND"), out var errors);

            Assert.NotEmpty(errors);
        }
    }

    private static string Describe(IEnumerable<ParseError> errors) =>
        string.Join(Environment.NewLine, errors.Select(error => $"  line {error.Line}, column {error.Column}: {error.Message}"));
}
