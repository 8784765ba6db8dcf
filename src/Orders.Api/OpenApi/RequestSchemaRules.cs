using Microsoft.OpenApi;
using Orders.Api.Orders;

namespace Orders.Api.OpenApi;

/// <summary>
/// The rules of <see cref="OrderValidator"/> and <see cref="ClientReference"/> as JSON Schema, so a client
/// (or a validating proxy) knows them before it sends. The request records are all-nullable for the
/// validator's sake; here the document says what is really required and where null means "absent".
/// </summary>
/// <remarks>The text lengths are literals in OrderValidator too; RequestSchemaLimitsTests keeps the two equal.</remarks>
internal sealed class RequestSchemaRules() : SchemaRuleTable(Rules)
{
    /// <summary>RFC 3986 unreserved characters only, so a reference is a URL path segment as it is.</summary>
    public const string ClientReferencePattern = "^[A-Za-z0-9._~-]{1,100}$";

    // Whitespace-free, with an '@' that is neither first nor last: what OrderValidator calls an email.
    private const string EmailPattern = @"^\S+@[^\s@]+$";

    private static readonly Dictionary<Type, Action<OpenApiSchema>> Rules = new()
    {
        [typeof(CreateOrderRequest)] = schema => schema
            .Require("currency", "customer", "lines")
            .Text("clientReference", 1, ClientReference.MaxLength, ClientReferencePattern)
            .Text("currency", 3, 3, "^[A-Z]{3}$")
            .Items("lines", 1, OrderValidator.MaxLines)
            .NullableOnly("clientReference"),
        [typeof(CustomerRequest)] = schema => schema
            .Require("email")
            .Text("email", 3, 254, EmailPattern)
            .Text("name", 1, 200)
            .NullableOnly("name"),
        // Only ever an optional property, where null means "no address".
        [typeof(ShippingAddressRequest)] = schema => schema.AllowsNull()
            .Require("line1", "city", "postalCode", "country")
            .Text("line1", 1, 200)
            .Text("line2", 1, 200)
            .Text("city", 1, 100)
            .Text("postalCode", 1, 20)
            .Text("country", 2, 2, "^[A-Z]{2}$")
            .NullableOnly("line2"),
        [typeof(OrderLineRequest)] = schema => schema
            .Require("sku", "quantity", "unitPrice")
            .Text("sku", 1, OrderValidator.MaxSkuLength)
            .Range("quantity", 1, OrderValidator.MaxQuantity)
            .Range("unitPrice", 0, OrderValidator.MaxUnitPrice)
            .NullableOnly(),
    };
}
