using System.Text.Json;

namespace Orders.Api.Rules;

/// <summary>Checks a fulfilment's body (<see cref="OrderTransitionFields.Fulfilment"/>) and reads its carrier and tracking number.</summary>
public static class FulfilmentReader
{
    /// <exception cref="InvalidOperationException">A property name is not valid Unicode (a lone surrogate escape).</exception>
    public static (Shipment? Shipment, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new FieldErrors();
        RequestCheck.Check(body, OrderTransitionFields.Fulfilment, errors);
        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }
        return (new Shipment(OrderTransitionFields.Carrier.TextIn(body), OrderTransitionFields.TrackingNumber.TextIn(body)), errors.ToDictionary());
    }
}

/// <summary>What a fulfilment says about the shipment: either may be null.</summary>
public sealed record Shipment(string? Carrier, string? TrackingNumber)
{
    /// <summary>A fulfilment without a body.</summary>
    public static readonly Shipment Unnamed = new(null, null);
}
