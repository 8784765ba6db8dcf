using System.Globalization;
using Dapper;
using Orders.Api.Events;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;
using RabbitMQ.Client;

namespace Orders.FaultTests.Harness;

/// <summary>
/// order.placed events read back from the outbox, and published again exactly as the relay publishes
/// them (the API's own <see cref="OrderEventMessage"/>): what a relay killed between the broker's
/// confirm and its commit does after its restart, and what the consumer must deduplicate.
/// </summary>
public static class PlacedEventCopies
{
    /// <summary>The owner's order.placed rows, by order reference.</summary>
    public static async Task<IReadOnlyDictionary<string, OrderEvent>> ReadAsync(IOrderDatabase database, string owner, string prefix)
    {
        await using var connection = database.OpenConnection();
        var rows = await connection.QueryAsync<(string Reference, string EventId, string OrderId, string Payload, string OccurredAt)>(
            """
            SELECT o.client_reference, e.event_id, e.order_id, e.payload, e.occurred_at
            FROM order_events e JOIN orders o ON o.owner_id = e.owner_id AND o.order_id = e.order_id
            WHERE e.owner_id = @Owner AND e.event_type = @Type AND o.client_reference LIKE @Prefix
            """, new { Owner = owner, Type = OrderEventTypes.Placed, Prefix = prefix + "-%" });
        return rows.ToDictionary(row => row.Reference, row => new OrderEvent(
            Guid.Parse(row.EventId), owner, Guid.Parse(row.OrderId), OrderEventTypes.Placed, row.Payload,
            DateTime.Parse(row.OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            TraceParent: null, TraceState: null));
    }

    /// <summary>Publishes each event once more, with publisher confirms, and returns once the broker has them all.</summary>
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
