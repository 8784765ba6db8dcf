using Dapper;

namespace Orders.Api.Tests.Fixtures;

/// <summary>Counts rows with plain SQL that every dialect accepts: the ground truth tests check against.</summary>
public static class OrderDatabaseCounts
{
    /// <summary>Rows in orders and order_lines for that (owner, client reference).</summary>
    public static async Task<(long Orders, long Lines)> CountRowsAsync(this IOrderDatabase database, string owner, string clientReference)
    {
        await using var connection = database.OpenConnection();
        var counts = await connection.QuerySingleAsync<Counts>(
            """
            SELECT (SELECT count(*) FROM orders WHERE owner_id = @Owner AND client_reference = @ClientReference) AS Orders,
                   (SELECT count(*) FROM order_lines l JOIN orders o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
                     WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference) AS Lines
            """,
            new { Owner = owner, ClientReference = clientReference });
        return (counts.Orders, counts.Lines);
    }

    /// <summary>All rows in orders and order_lines.</summary>
    public static async Task<(long Orders, long Lines)> CountAllRowsAsync(this IOrderDatabase database)
    {
        await using var connection = database.OpenConnection();
        var counts = await connection.QuerySingleAsync<Counts>(
            "SELECT (SELECT count(*) FROM orders) AS Orders, (SELECT count(*) FROM order_lines) AS Lines");
        return (counts.Orders, counts.Lines);
    }

    // Settable properties, so Dapper converts int (SQL Server's count) as well as bigint.
    private sealed class Counts
    {
        public long Orders { get; set; }

        public long Lines { get; set; }
    }
}
