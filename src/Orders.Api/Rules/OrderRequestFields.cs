using Orders.Api.Contracts;
using static Orders.Api.Rules.RequestField;

namespace Orders.Api.Rules;

/// <summary>
/// Every field of POST /orders, each declared once: the body check (<see cref="RequestCheck"/>), the
/// OpenAPI schema (OpenApi/RequestSchemaRules) and the README's table of rules come from this table.
/// A new field is one line here, one property on its contract record, and its column (Storage/OrderColumns).
/// </summary>
public static class OrderRequestFields
{
    /// <summary>RFC 3986 unreserved characters only, so a reference is a URL path segment as it is.</summary>
    public static readonly RequestField ClientReference = Characters(
        "clientReference", 1, 100, required: false, "A-Za-z0-9._~-", "characters of A-Z a-z 0-9 . _ ~ -");

    public static readonly RequestField Currency = Characters(
        "currency", 3, 3, required: true, "A-Z", "upper-case letters: an ISO 4217 code such as EUR");

    /// <summary>The WHATWG HTML "valid email address" grammar: what browsers accept in type=email.</summary>
    public static readonly RequestField Email = Grammar(
        "email", 3, 254, required: true,
        @"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*",
        "must be an email address such as ada@example.com");

    public static readonly RequestField Country = Characters(
        "country", 2, 2, required: true, "A-Z", "upper-case letters: an ISO 3166-1 alpha-2 code such as DE");

    public static readonly RequestField Sku = Characters(
        "sku", 1, 64, required: true, "A-Za-z0-9._~-", "characters of A-Z a-z 0-9 . _ ~ -, starting with a letter or digit", first: "A-Za-z0-9");

    public static readonly RequestField Quantity = WholeNumber("quantity", 1, 1000, required: true, "a whole number");

    public static readonly RequestField UnitPrice = WholeNumber("unitPrice", 0, 100_000_000, required: true, "whole minor units");

    public static readonly RequestField Lines = List("lines", 1, 100, required: true, "lines",
        Record("lines[]", typeof(OrderLineRequest), required: true, Sku, Quantity, UnitPrice));

    public static readonly RequestField Customer = Record("customer", typeof(CustomerRequest), required: true,
        Email,
        Text("name", 1, 200, required: false),
        Characters("phone", 3, 32, required: false, "0-9 +()-", "characters: digits, spaces and + - ( ), starting with + or a digit", first: "+0-9"));

    public static readonly RequestField ShippingAddress = Record("shippingAddress", typeof(ShippingAddressRequest), required: false,
        Text("line1", 1, 200, required: true),
        Text("line2", 1, 200, required: false),
        Text("city", 1, 100, required: true),
        Text("postalCode", 1, 20, required: true),
        Country);

    /// <summary>The body itself.</summary>
    public static readonly RequestField Order = Record("$", typeof(CreateOrderRequest), required: true,
        ClientReference, Currency, Customer, ShippingAddress, Lines);
}
