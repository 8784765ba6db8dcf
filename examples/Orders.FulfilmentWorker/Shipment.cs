using System.Globalization;

namespace Orders.FulfilmentWorker;

/// <summary>
/// The body of the fulfil request, made from the event id alone: every retry and every redelivery of
/// one event sends the same request, so the API's 409 ORDER_ALREADY_FULFILLED says sameRequest: true
/// for our own earlier attempt.
/// </summary>
public sealed record Shipment(string Carrier, string TrackingNumber)
{
    public static Shipment For(Guid eventId, string carrier) =>
        new(carrier, "FW" + eventId.ToString("N", CultureInfo.InvariantCulture).ToUpperInvariant());
}
