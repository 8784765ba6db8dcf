namespace Orders.Api.Contracts;

/// <summary>
/// The optional body of POST /orders/{clientReference}/cancellation. Send the same body on every retry of
/// one cancel: the first request cancels, every later one gets 409 ORDER_ALREADY_CANCELLED saying
/// whether the stored reason is this one (sameRequest).
/// </summary>
/// <param name="Reason">Why the customer cancels, free text; optional.</param>
public sealed record CancelOrderRequest(string? Reason);

/// <summary>
/// A change of a placed order, as a JSON merge patch (RFC 7396, application/merge-patch+json): a member
/// left out stays as it is, a member set to null is removed (only where it is optional), an object merges
/// member by member. Only the customer's name and phone and the shipping address can change: the lines,
/// the currency and the email are what was sold, for how much and to whom (docs/design.md).
/// </summary>
/// <remarks>
/// Every member is nullable, and "left out" and "null" differ here: the body is checked and read as
/// JSON (Rules/OrderChangeReader), never bound to this record, which exists to describe the schema.
/// </remarks>
/// <param name="Customer">The customer's name and phone to set; left out, both stay.</param>
/// <param name="ShippingAddress">The address members to set, merged into the stored address; null removes the address.</param>
public sealed record ChangeOrderRequest(CustomerChangeRequest? Customer, ShippingAddressChangeRequest? ShippingAddress);

/// <summary>The customer's members a change can set; the email cannot change.</summary>
/// <param name="Name">The new name; null removes it.</param>
/// <param name="Phone">The new phone number; null removes it.</param>
public sealed record CustomerChangeRequest(string? Name, string? Phone);

/// <summary>
/// The address members to set. On an order without an address, line1, city, postalCode and country must
/// all be sent; line2 can be removed with null, the others cannot.
/// </summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Anything else (flat, floor, c/o); null removes it.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code as written in the country of the address.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code, upper-case.</param>
public sealed record ShippingAddressChangeRequest(string? Line1, string? Line2, string? City, string? PostalCode, string? Country);
