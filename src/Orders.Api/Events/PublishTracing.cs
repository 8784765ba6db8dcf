using System.Diagnostics;
using Orders.Api.Observability;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// The relay's publish span of one message (OpenTelemetry messaging conventions: kind Producer,
/// "publish orders"): a child of the create whose trace context the event row holds, and linked to
/// it, so the request's trace shows when its order.placed left, however long after the 201. The
/// message then carries the publish span's context, and a consumer's span continues the same trace.
/// RabbitMQ.Client's own "RabbitMQ.Client.Publisher" source is not listened to: this is the publish
/// span, and that source would add a second one per message.
/// </summary>
internal static class PublishTracing
{
    public const string SpanName = "publish " + OrderEventMessage.Exchange;

    /// <summary>
    /// Starts the span and returns the event as it is to be published: with the span's trace context,
    /// or, with tracing off, the stored one unchanged. The caller's Activity.Current is left as it was.
    /// </summary>
    public static (Activity? Span, OrderEvent ToPublish) Start(OrderEvent orderEvent)
    {
        if (!OrdersTracing.Source.HasListeners())
        {
            return (null, orderEvent);
        }
        var created = ActivityContext.TryParse(orderEvent.TraceParent, orderEvent.TraceState, isRemote: true, out var context)
            ? context
            : default;
        var previous = Activity.Current;
        var span = OrdersTracing.Source.StartActivity(
            SpanName,
            ActivityKind.Producer,
            created,
            tags:
            [
                new("messaging.system", "rabbitmq"),
                new("messaging.operation.type", "send"),
                new("messaging.operation.name", "publish"),
                new("messaging.destination.name", OrderEventMessage.Exchange),
                new("messaging.rabbitmq.destination.routing_key", orderEvent.Type),
                new("messaging.message.id", orderEvent.EventId.ToString("D", System.Globalization.CultureInfo.InvariantCulture)),
            ],
            links: created == default ? null : [new ActivityLink(created)]);
        Activity.Current = previous;
        return span is null
            ? (null, orderEvent)
            : (span, orderEvent with { TraceParent = span.Id, TraceState = span.TraceStateString ?? orderEvent.TraceState });
    }
}
