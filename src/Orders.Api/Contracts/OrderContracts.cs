using Orders.Api.Model;
using Orders.Api.Rules;

namespace Orders.Api.Contracts;

/// <summary>
/// An order to place. Send the same body with the same clientReference on every retry of one checkout
/// attempt: the first request places the order, every later one gets 409 naming it.
/// </summary>
/// <remarks>
/// Every member is nullable: what is required, and every other rule, is declared in
/// <see cref="OrderRequestFields"/>, which checks a body before it is bound here and writes the schema.
/// </remarks>
/// <param name="ClientReference">
/// The idempotency key of this checkout attempt, chosen by the client (a UUID is ideal). Create it once
/// when the attempt starts and reuse it for every retry. Optional here if the Idempotency-Key header
/// carries it; if both are sent they must be equal.
/// </param>
/// <param name="Currency">ISO 4217 currency code of every price in the order, upper-case.</param>
/// <param name="Customer">Who placed the order.</param>
/// <param name="ShippingAddress">Where to ship; omit it (or send null) for orders that ship nothing.</param>
/// <param name="Lines">The items, in the order the customer should see them.</param>
public sealed record CreateOrderRequest(
    string? ClientReference,
    string? Currency,
    CustomerRequest? Customer,
    ShippingAddressRequest? ShippingAddress,
    IReadOnlyList<OrderLineRequest?>? Lines)
{
    /// <summary>The draft of a request that passed its check (so every required member is there).</summary>
    internal OrderDraft ToDraft(string clientReference) => new(
        clientReference, Currency!, Customer!.ToCustomer(), ShippingAddress?.ToShippingAddress(),
        [.. Lines!.Select(line => line!.ToDraft())]);
}

/// <summary>The customer of an order to place.</summary>
/// <param name="Email">Where order mail goes. Stored exactly as sent.</param>
/// <param name="Name">The customer's name as they typed it; optional.</param>
/// <param name="Phone">A phone number for the delivery, as the customer typed it (+49 30 1234567); optional.</param>
public sealed record CustomerRequest(string? Email, string? Name, string? Phone = null)
{
    internal Customer ToCustomer() => new(Email!, Name, Phone);
}

/// <summary>The shipping address of an order to place; omit it or send null for an order that ships nothing. Text is stored exactly as sent.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Anything else (flat, floor, c/o); optional.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code as written in the country of the address.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code, upper-case.</param>
public sealed record ShippingAddressRequest(string? Line1, string? Line2, string? City, string? PostalCode, string? Country)
{
    internal ShippingAddress ToShippingAddress() => new(Line1!, Line2, City!, PostalCode!, Country!);
}

/// <summary>One item of an order to place.</summary>
/// <param name="Sku">The product's stock-keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price of one unit in minor units of the currency (cents for EUR): 1999 is 19.99.</param>
public sealed record OrderLineRequest(string? Sku, int? Quantity, long? UnitPrice)
{
    internal OrderLineDraft ToDraft() => new(Sku!, Quantity!.Value, UnitPrice!.Value);
}

/// <summary>An order as placed. Every 201 and 200 shows it the same way; it never changes once placed.</summary>
/// <param name="OrderId">The server's id of the order (a UUIDv7).</param>
/// <param name="ClientReference">The idempotency key the order was placed with; also its address, /orders/{clientReference}.</param>
/// <param name="Status">Always "placed" in this version.</param>
/// <param name="Currency">ISO 4217 currency code of every amount in the order.</param>
/// <param name="Customer">Who placed the order.</param>
/// <param name="ShippingAddress">Where to ship; null when the order was placed without one.</param>
/// <param name="Lines">The items, numbered from 1 in the order they were sent.</param>
/// <param name="Total">Sum of the line totals, in minor units of the currency.</param>
/// <param name="CreatedAt">When the order was placed (UTC, microsecond precision).</param>
public sealed record OrderResponse(
    Guid OrderId,
    string ClientReference,
    string Status,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    DateTime CreatedAt)
{
    public static OrderResponse From(Order order) => new(
        order.OrderId, order.ClientReference, order.Status, order.Currency, order.Customer,
        order.ShippingAddress, order.Lines, order.Total, order.CreatedAt);
}

/// <summary>One page of the caller's orders, newest first.</summary>
/// <param name="Orders">Up to `limit` orders, newest first.</param>
/// <param name="Next">Pass it back as `after` to get the next page; null on the last page. Opaque: do not parse or build it.</param>
public sealed record OrderListResponse(IReadOnlyList<OrderResponse> Orders, string? Next);
