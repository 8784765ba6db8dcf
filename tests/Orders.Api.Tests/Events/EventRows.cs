using Dapper;
using Orders.Api.Storage.Sqlite;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Events;

/// <summary>The outbox and orders as the database holds them, in SQL every dialect accepts: the ground truth.</summary>
public static class EventRows
{
    public static async Task<long> CountEventsAsync(this IOrderDatabase database, string owner, bool pendingOnly = false)
    {
        await using var connection = database.OpenConnection();
        return await connection.ExecuteScalarAsync<long>(
            pendingOnly
                ? "SELECT count(*) FROM order_events WHERE owner_id = @Owner AND published_at IS NULL"
                : "SELECT count(*) FROM order_events WHERE owner_id = @Owner",
            new { Owner = owner });
    }

    /// <summary>When each of the owner's published events was marked published (the relay's clock, UTC), in no order.</summary>
    public static async Task<List<DateTime>> PublishedTimesAsync(this IOrderDatabase database, string owner)
    {
        await using var connection = database.OpenConnection();
        await using var reader = await connection.ExecuteReaderAsync(
            "SELECT published_at FROM order_events WHERE owner_id = @Owner AND published_at IS NOT NULL", new { Owner = owner });
        var times = new List<DateTime>();
        while (await reader.ReadAsync())
        {
            times.Add(reader.GetValue(0) switch
            {
                string text => SqliteValues.ParseTime(text), // SQLite keeps times as text
                DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc), // datetime2 holds UTC without saying so
                var other => throw new InvalidOperationException($"published_at came back as {other.GetType()}"),
            });
        }
        return times;
    }

    /// <summary>The ids of the owner's stored orders, in the API's spelling.</summary>
    public static async Task<HashSet<string>> OrderIdsAsync(this IOrderDatabase database, string owner)
    {
        await using var connection = database.OpenConnection();
        // As text in every dialect (SQLite stores text; the others' uuid types come back as text here).
        var ids = await connection.QueryAsync<string>(
            "SELECT CAST(order_id AS varchar(36)) FROM orders WHERE owner_id = @Owner", new { Owner = owner });
        return ids.Select(id => Guid.Parse(id).ToString()).ToHashSet();
    }

    /// <summary>Waits (bounded) until none of the owner's events is pending any more.</summary>
    public static async Task<bool> WaitUntilPublishedAsync(this IOrderDatabase database, string owner, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await database.CountEventsAsync(owner, pendingOnly: true) == 0)
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>The owner's event rows: id (the API's spelling), type, the order version each made, and the payload as stored.</summary>
    public static async Task<List<StoredEvent>> StoredEventsAsync(this IOrderDatabase database, string owner)
    {
        await using var connection = database.OpenConnection();
        await using var reader = await connection.ExecuteReaderAsync(
            "SELECT CAST(event_id AS varchar(36)), event_type, order_version, payload FROM order_events WHERE owner_id = @Owner",
            new { Owner = owner });
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync())
        {
            // bigint on the servers, INTEGER on SQLite: whatever integer the driver hands back.
            events.Add(new StoredEvent(Guid.Parse(reader.GetString(0)), reader.GetString(1),
                Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(3)));
        }
        return events;
    }
}

/// <summary>One outbox row as the database holds it.</summary>
public sealed record StoredEvent(Guid EventId, string Type, long OrderVersion, string Payload);
