namespace Orders.Api.Contracts;

/// <summary>An order as stored. Every 201, 200 and list item shows it the same way, with its entity tag.</summary>
/// <remarks>
/// The wire's own records, apart from the domain's (Model/) and the event's (Events/): each changes for
/// its own reasons. Every mapping passes every member by position, so a member added to either side
/// without its mapping fails the build, and ContractMappingTests fails for a domain member the
/// contract does not show.
/// </remarks>
/// <param name="OrderId">The server's id of the order (a UUIDv7).</param>
/// <param name="ClientReference">The idempotency key the order was placed with; also its address, /orders/{clientReference}.</param>
/// <param name="Status">"placed"; "cancelled" after a cancel, "fulfilled" once shipped (both final).</param>
/// <param name="Currency">ISO 4217 currency code of every amount in the order.</param>
/// <param name="Customer">Who placed the order.</param>
/// <param name="ShippingAddress">Where to ship; null when the order was placed without one.</param>
/// <param name="Lines">The items, numbered from 1 in the order they were sent.</param>
/// <param name="Total">Sum of the line totals, in minor units of the currency.</param>
/// <param name="CreatedAt">When the order was placed (UTC, microsecond precision).</param>
/// <param name="CancelledAt">When the order was cancelled (UTC, microsecond precision); null while it is not.</param>
/// <param name="CancellationReason">The reason sent with the cancel, as sent; null when none was given or the order is not cancelled.</param>
/// <param name="FulfilledAt">When the order was fulfilled (shipped) (UTC, microsecond precision); null while it is not.</param>
/// <param name="Carrier">Who carries the shipment, as the fulfilment service sent it; null when it named none or the order is not fulfilled.</param>
/// <param name="TrackingNumber">The shipment's tracking number at the carrier; null when none was given or the order is not fulfilled.</param>
/// <param name="Etag">The order's entity tag, as its ETag header carries it (quotes included): changes with every change of the order. Opaque: compare it, send it back in If-None-Match; do not parse it.</param>
public sealed record OrderResponse(
    Guid OrderId,
    string ClientReference,
    string Status,
    string Currency,
    Customer Customer,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    DateTime CreatedAt,
    DateTime? CancelledAt,
    string? CancellationReason,
    DateTime? FulfilledAt,
    string? Carrier,
    string? TrackingNumber,
    string Etag)
{
    public static OrderResponse From(Model.Order order) => new(
        order.OrderId,
        order.ClientReference,
        order.Status,
        order.Currency,
        Customer.From(order.Customer),
        order.ShippingAddress is { } address ? ShippingAddress.From(address) : null,
        [.. order.Lines.Select(OrderLine.From)],
        order.Total,
        order.CreatedAt,
        order.CancelledAt,
        order.CancellationReason,
        order.FulfilledAt,
        order.Carrier,
        order.TrackingNumber,
        OrderETag.Of(order));
}

/// <summary>The customer of a placed order.</summary>
/// <param name="Email">Where order mail goes, as sent.</param>
/// <param name="Name">The customer's name as sent; null when none was given.</param>
/// <param name="Phone">The customer's phone number as sent; null when none was given.</param>
public sealed record Customer(string Email, string? Name, string? Phone)
{
    public static Customer From(Model.Customer customer) => new(customer.Email, customer.Name, customer.Phone);
}

/// <summary>The shipping address of a placed order, as sent; null for an order placed without one.</summary>
/// <param name="Line1">Street and number.</param>
/// <param name="Line2">Anything else; null when none was given.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string Country)
{
    public static ShippingAddress From(Model.ShippingAddress address) =>
        new(address.Line1, address.Line2, address.City, address.PostalCode, address.Country);
}

/// <summary>One line of a placed order; lines keep the order the client sent them in.</summary>
/// <param name="LineNumber">Position of the line in the order, from 1.</param>
/// <param name="Sku">The product's stock-keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price of one unit in minor units of the currency.</param>
/// <param name="LineTotal">Quantity times unit price, in minor units.</param>
public sealed record OrderLine(int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal)
{
    public static OrderLine From(Model.OrderLine line) => new(line.LineNumber, line.Sku, line.Quantity, line.UnitPrice, line.LineTotal);
}
