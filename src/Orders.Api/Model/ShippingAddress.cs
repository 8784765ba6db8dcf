namespace Orders.Api.Model;

/// <summary>Where an order ships, as sent; an order that ships nothing has none.</summary>
public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string Country);
