using System.Diagnostics;
using Orders.Api.Observability;
using Orders.Api.Storage;
using Orders.Api.Storage.PostgreSql;
using Orders.Api.Storage.Sqlite;
using Orders.Api.Storage.SqlServer;

namespace Orders.Api.Tests.Unit;

public sealed class TracingPartsTests
{
    [Fact]
    public void NoQueryParameters_RemovesEveryParameterValue_AndKeepsTheRest()
    {
        using var activity = new Activity("InsertOrder");
        activity.SetTag("db.query.parameter.CustomerEmail", "ada@example.com");
        activity.SetTag("db.query.parameter.ShipLine1", "12 St James's Square");
        activity.SetTag("db.query.text", "INSERT ... VALUES (@CustomerEmail, @ShipLine1)");

        new NoQueryParameters().OnEnd(activity);

        Assert.Equal(["db.query.text"], activity.TagObjects.Select(tag => tag.Key));
    }

    [Theory]
    [InlineData(PostgreSqlSql.FindOrder, "FindOrder")]
    [InlineData(PostgreSqlEventSql.ClaimPending, "ClaimPending")]
    [InlineData(SqliteSql.InsertHeader, "InsertHeader")]
    [InlineData(SqlServerSql.InsertOrder, "InsertOrder")]
    public void StatementNames_NameOurStatementsAfterTheirConstant(string sql, string name)
    {
        Assert.Equal(name, StatementNames.Of(sql));
        Assert.Contains(name, StatementNames.All);
    }

    [Theory]
    [InlineData("SELECT email FROM orders WHERE customer_email = 'ada@example.com'", "SELECT")]
    [InlineData("  insert into x values ('secret')", "INSERT")]
    [InlineData("'ada@example.com'", "SQL")]
    [InlineData(null, "SQL")]
    public void StatementNames_ForSqlNotOurs_GiveTheFirstKeywordOnly_NeverTheText(string? sql, string name) =>
        Assert.Equal(name, StatementNames.Of(sql));
}
