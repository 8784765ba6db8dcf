namespace Orders.Api.Model;

/// <summary>An order as stored: what the client asked for plus what the server decided.</summary>
/// <remarks>Stored once and never changed; every 201, 200 and 409 is built from this.</remarks>
public sealed record Order(
    Guid OrderId,
    string Owner,
    string ClientReference,
    string Status,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    DateTime CreatedAt)
{
    public const string PlacedStatus = "placed";
}

/// <summary>The customer of a placed order.</summary>
/// <param name="Email">Where order mail goes, as sent.</param>
/// <param name="Name">The customer's name as sent; null when none was given.</param>
/// <param name="Phone">The customer's phone number as sent; null when none was given.</param>
public sealed record Customer(string Email, string? Name, string? Phone = null);

/// <summary>The shipping address of a placed order, as sent; null for an order placed without one.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Anything else; null when none was given.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>One line of a placed order; lines keep the order the client sent them in.</summary>
/// <param name="LineNumber">Position of the line in the order, from 1.</param>
/// <param name="Sku">The product's stock-keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price of one unit in minor units of the currency.</param>
/// <param name="LineTotal">Quantity times unit price, in minor units.</param>
public sealed record OrderLine(int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal);
