using System.Globalization;
using Dapper;
using Orders.Api.Events;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using RabbitMQ.Client;

namespace Orders.FaultTests.Harness;

/// <summary>
/// order.placed messages the test publishes itself, exactly as the relay publishes them (the API's own
/// <see cref="OrderEventMessage"/>): events read back from the outbox and published again, as a relay
/// killed between the broker's confirm and its commit does after its restart, and an event of an
/// order the API does not have.
/// </summary>
public static class PlacedEventMessages
{
    /// <summary>The owner's order.placed rows, by order reference, in SQL every dialect accepts.</summary>
    public static async Task<IReadOnlyDictionary<string, OrderEvent>> ReadAsync(IOrderDatabase database, string owner, string prefix)
    {
        await using var connection = database.OpenConnection();
        // Ids as text in every dialect (SQLite stores text; the others' uuid types come back as text here).
        await using var reader = await connection.ExecuteReaderAsync(
            """
            SELECT o.client_reference, CAST(e.event_id AS varchar(36)), CAST(e.order_id AS varchar(36)), e.payload, e.occurred_at
            FROM order_events e JOIN orders o ON o.owner_id = e.owner_id AND o.order_id = e.order_id
            WHERE e.owner_id = @Owner AND e.event_type = @Type AND o.client_reference LIKE @Prefix
            """, new { Owner = owner, Type = OrderEventTypes.Placed, Prefix = prefix + "-%" });
        var events = new Dictionary<string, OrderEvent>();
        while (await reader.ReadAsync())
        {
            events[reader.GetString(0)] = new OrderEvent(
                Guid.Parse(reader.GetString(1)), owner, Guid.Parse(reader.GetString(2)), OrderEventTypes.Placed, reader.GetString(3),
                OccurredAt(reader.GetValue(4)), TraceParent: null, TraceState: null);
        }
        return events;
    }

    private static DateTime OccurredAt(object value) => value switch
    {
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), // SQLite keeps times as text
        DateTime time => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc), // datetime2 holds UTC without saying so
        DateTimeOffset time => time.UtcDateTime,
        _ => throw new InvalidOperationException($"occurred_at came back as {value.GetType()}"),
    };

    /// <summary>An order.placed of an order nobody placed here (another environment's, say): its body carries what a consumer reads.</summary>
    public static OrderEvent ForMissingOrder(string owner, string clientReference)
    {
        var orderId = Guid.CreateVersion7();
        var payload = System.Text.Json.JsonSerializer.Serialize(new { orderId, clientReference, status = "placed" });
        return new OrderEvent(Guid.CreateVersion7(), owner, orderId, OrderEventTypes.Placed, payload, DateTime.UtcNow, TraceParent: null, TraceState: null);
    }

    /// <summary>Publishes each event, with publisher confirms, and returns once the broker has them all.</summary>
    public static async Task PublishAsync(string broker, IEnumerable<OrderEvent> events)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var orderEvent in events)
        {
            await channel.BasicPublishAsync(OrderEventMessage.Exchange, orderEvent.Type, mandatory: false,
                OrderEventMessage.Properties(orderEvent), OrderEventMessage.Body(orderEvent));
        }
    }
}
