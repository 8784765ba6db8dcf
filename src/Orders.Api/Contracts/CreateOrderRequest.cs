using Orders.Api.Model;

namespace Orders.Api.Contracts;

/// <summary>
/// An order to place. Send the same body with the same clientReference on every retry of one checkout
/// attempt: the first request places the order, every later one gets 409 naming it.
/// </summary>
/// <remarks>
/// Every member is nullable: what is required, and every other rule, is declared once in the request's
/// field table (Rules/OrderRequestFields), which checks a body before it is bound here and writes the schema.
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
    public OrderDraft ToDraft(string clientReference) => new(
        clientReference, Currency!, Customer!.ToCustomer(), ShippingAddress?.ToShippingAddress(),
        [.. Lines!.Select(line => line!.ToDraft())]);
}

/// <summary>The customer of an order to place.</summary>
/// <param name="Email">Where order mail goes. Stored exactly as sent.</param>
/// <param name="Name">The customer's name as they typed it; optional.</param>
/// <param name="Phone">A phone number for the delivery, as the customer typed it (+49 30 1234567); optional.</param>
public sealed record CustomerRequest(string? Email, string? Name, string? Phone)
{
    public Model.Customer ToCustomer() => new(Email!, Name, Phone);
}

/// <summary>The shipping address of an order to place; omit it or send null for an order that ships nothing. Text is stored exactly as sent.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Anything else (flat, floor, c/o); optional.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code as written in the country of the address.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code, upper-case.</param>
public sealed record ShippingAddressRequest(string? Line1, string? Line2, string? City, string? PostalCode, string? Country)
{
    public Model.ShippingAddress ToShippingAddress() => new(Line1!, Line2, City!, PostalCode!, Country!);
}

/// <summary>One item of an order to place.</summary>
/// <param name="Sku">The product's stock-keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price of one unit in minor units of the currency (cents for EUR): 1999 is 19.99.</param>
public sealed record OrderLineRequest(string? Sku, int? Quantity, long? UnitPrice)
{
    public OrderLineDraft ToDraft() => new(Sku!, Quantity!.Value, UnitPrice!.Value);
}
