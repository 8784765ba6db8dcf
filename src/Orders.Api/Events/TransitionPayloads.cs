using System.Text.Json.Nodes;
using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// The body of an order.cancelled event after its first two members (orderId, version), which the
/// store writes from the updated row (<see cref="TransitionEvent"/>); asyncapi.yaml's OrderCancelled.
/// </summary>
public sealed record OrderCancelledPayloadRest(string ClientReference, string Status, DateTime CancelledAt, string? CancellationReason)
{
    public static OrderCancelledPayloadRest From(OrderCancellation cancellation) =>
        new(cancellation.ClientReference, Order.CancelledStatus, cancellation.CancelledAt, cancellation.Reason);
}

/// <summary>
/// The body of an order.fulfilled event after orderId and version (asyncapi.yaml's OrderFulfilled): when
/// it shipped, with which carrier and tracking number (null when the service named none).
/// </summary>
public sealed record OrderFulfilledPayloadRest(string ClientReference, string Status, DateTime FulfilledAt, string? Carrier, string? TrackingNumber)
{
    public static OrderFulfilledPayloadRest From(OrderFulfilment fulfilment) =>
        new(fulfilment.ClientReference, Order.FulfilledStatus, fulfilment.FulfilledAt, fulfilment.Carrier, fulfilment.TrackingNumber);
}

/// <summary>
/// The body of an order.changed event after orderId and version: when, and the merge patch that was
/// applied, exactly the members it set (asyncapi.yaml's OrderChanged). A consumer that holds the order
/// as of the previous version applies <c>changes</c> to it as RFC 7396 says.
/// </summary>
public static class OrderChangedPayloadRest
{
    public static JsonObject From(OrderChange change, System.Text.Json.JsonSerializerOptions options)
    {
        var patch = change.Patch;
        var changes = new JsonObject();
        var customer = new JsonObject();
        Add(customer, "name", patch.CustomerName);
        Add(customer, "phone", patch.CustomerPhone);
        if (customer.Count > 0)
        {
            changes["customer"] = customer;
        }
        if (patch.RemovesShippingAddress)
        {
            changes["shippingAddress"] = null;
        }
        else if (patch.TouchesAddress)
        {
            var address = new JsonObject();
            Add(address, "line1", patch.Line1);
            Add(address, "line2", patch.Line2);
            Add(address, "city", patch.City);
            Add(address, "postalCode", patch.PostalCode);
            Add(address, "country", patch.Country);
            changes["shippingAddress"] = address;
        }
        return new JsonObject
        {
            ["clientReference"] = change.ClientReference,
            ["changedAt"] = System.Text.Json.JsonSerializer.SerializeToNode(change.ChangedAt, options),
            ["changes"] = changes,
        };
    }

    private static void Add(JsonObject target, string name, Patched<string?> member)
    {
        if (member.IsSet) target[name] = member.Value;
    }
}
