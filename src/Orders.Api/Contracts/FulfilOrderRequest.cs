namespace Orders.Api.Contracts;

/// <summary>
/// The optional body of POST /owners/{owner}/orders/{clientReference}/fulfilment, sent by the fulfilment
/// service. Send the same body on every retry of one fulfilment: the first request marks the order
/// fulfilled, every later one gets 409 ORDER_ALREADY_FULFILLED saying whether the stored carrier and
/// tracking number are these (sameRequest).
/// </summary>
/// <param name="Carrier">Who carries the shipment (for example "DHL"); optional.</param>
/// <param name="TrackingNumber">The shipment's tracking number at the carrier; optional.</param>
public sealed record FulfilOrderRequest(string? Carrier, string? TrackingNumber);
