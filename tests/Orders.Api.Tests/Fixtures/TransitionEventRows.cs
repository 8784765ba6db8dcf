using Dapper;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// The outbox rows of one order, in SQL every dialect accepts: what the transition tests check the
/// stores' event statements against.
/// </summary>
public static class TransitionEventRows
{
    /// <summary>The order's events of that type (order.placed, order.cancelled, order.changed).</summary>
    public static async Task<long> CountEventsOfTypeAsync(this IOrderDatabase database, string owner, string clientReference, string type)
    {
        await using var connection = database.OpenConnection();
        // A long from whatever the dialect counts in (SQL Server's count is an int).
        return Convert.ToInt64(await connection.ExecuteScalarAsync<object>(
            """
            SELECT count(*) FROM order_events e JOIN orders o ON o.owner_id = e.owner_id AND o.order_id = e.order_id
            WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND e.event_type = @Type
            """,
            new { Owner = owner, ClientReference = clientReference, Type = type }), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The order's events, by the version each produced.</summary>
    public static async Task<List<StoredEvent>> EventsOfAsync(this IOrderDatabase database, string owner, string clientReference)
    {
        await using var connection = database.OpenConnection();
        // Ids as text in every dialect (SQLite stores text; uuid and uniqueidentifier come back as text here).
        var rows = await connection.QueryAsync<StoredEventRow>(
            """
            SELECT CAST(e.event_id AS varchar(36)) AS EventId, e.event_type AS Type, e.payload AS Payload, e.order_version AS OrderVersion
            FROM order_events e JOIN orders o ON o.owner_id = e.owner_id AND o.order_id = e.order_id
            WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
            ORDER BY e.order_version
            """,
            new { Owner = owner, ClientReference = clientReference });
        return [.. rows.Select(row => new StoredEvent(Guid.Parse(row.EventId), row.Type, row.Payload, row.OrderVersion))];
    }

    // Settable properties, so Dapper converts whatever integer type the dialect returns.
    private sealed class StoredEventRow
    {
        public string EventId { get; set; } = "";

        public string Type { get; set; } = "";

        public string Payload { get; set; } = "";

        public long OrderVersion { get; set; }
    }
}

/// <summary>One outbox row: its id, type, payload as stored and the order version it produced.</summary>
public sealed record StoredEvent(Guid EventId, string Type, string Payload, long OrderVersion);
