using Dapper;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// The ground truth of a transition ledger: each order's status, version, cancel reason and city, and
/// its outbox rows, read with SQL that SQLite, PostgreSQL and T-SQL all accept, through the fixture's
/// own connection (never the API's). Published or not: a row counts from the moment it is written.
/// </summary>
public static class TransitionRows
{
    public sealed record StoredEvent(string Type, long Version);

    public sealed record StoredOrder(string Status, long Version, string? CancellationReason, string? City, IReadOnlyList<StoredEvent> Events)
    {
        public IReadOnlyList<StoredEvent> EventsOf(string type) => Events.Where(e => e.Type == type).ToList();
    }

    /// <summary>The owner's orders whose reference starts with <paramref name="prefix"/>, by reference.</summary>
    public static async Task<IReadOnlyDictionary<string, StoredOrder>> ReadAsync(IOrderDatabase database, string prefix, string owner = TestTokens.DefaultOwner)
    {
        await using var connection = database.OpenConnection();
        var parameters = new { Owner = owner, Prefix = prefix + "-%" };
        var orders = await connection.QueryAsync<(string Reference, string Status, long Version, string? Reason, string? City)>(
            """
            SELECT client_reference, status, CAST(version AS bigint), cancellation_reason, ship_city
            FROM orders WHERE owner_id = @Owner AND client_reference LIKE @Prefix
            """, parameters);
        var events = (await connection.QueryAsync<(string Reference, string Type, long Version)>(
            """
            SELECT o.client_reference, e.event_type, CAST(e.order_version AS bigint)
            FROM order_events e JOIN orders o ON o.owner_id = e.owner_id AND o.order_id = e.order_id
            WHERE e.owner_id = @Owner AND o.client_reference LIKE @Prefix
            """, parameters)).ToLookup(e => e.Reference);
        return orders.ToDictionary(
            o => o.Reference,
            o => new StoredOrder(o.Status, o.Version, o.Reason, o.City,
                events[o.Reference].Select(e => new StoredEvent(e.Type, e.Version)).OrderBy(e => e.Version).ToList()));
    }
}
