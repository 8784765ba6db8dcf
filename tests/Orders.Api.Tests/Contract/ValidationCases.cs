namespace Orders.Api.Tests.Contract;

/// <summary>The request-contract cases <see cref="ValidationContract{TDatabase}"/> runs on every store.</summary>
public static class ValidationCases
{
    private static readonly string Long101 = new('r', 101);

    /// <summary>(case name, path to change, new value or "REMOVE", the field the 400 must name).</summary>
    public static TheoryData<string, string, string?, string> InvalidFields() => new()
    {
        { "reference missing", "clientReference", "REMOVE", "clientReference" },
        { "reference empty", "clientReference", "\"\"", "clientReference" },
        { "reference with space", "clientReference", "\"has space\"", "clientReference" },
        { "reference with slash", "clientReference", "\"a/../b\"", "clientReference" },
        { "reference trailing newline", "clientReference", "\"abc\\n\"", "clientReference" },
        { "reference 101 chars", "clientReference", $"\"{Long101}\"", "clientReference" },
        { "reference not a string", "clientReference", "123", "clientReference" },
        { "currency missing", "currency", "REMOVE", "currency" },
        { "currency lower case", "currency", "\"eur\"", "currency" },
        { "currency four letters", "currency", "\"EURO\"", "currency" },
        { "customer missing", "customer", "REMOVE", "customer" },
        { "customer not an object", "customer", "\"ada\"", "customer" },
        { "email missing", "customer.email", "REMOVE", "customer.email" },
        { "email without at", "customer.email", "\"ada.example.com\"", "customer.email" },
        { "email too long", "customer.email", $"\"{new string('a', 250)}@x.io\"", "customer.email" },
        { "name empty", "customer.name", "\"\"", "customer.name" },
        { "name too long", "customer.name", $"\"{new string('n', 201)}\"", "customer.name" },
        { "name control character", "customer.name", "\"Ada\\u0007\"", "customer.name" },
        { "name lone surrogate", "customer.name", "\"Ada\\ud800\"", "customer.name" },
        { "phone too short", "customer.phone", "\"12\"", "customer.phone" },
        { "phone 33 characters", "customer.phone", $"\"+{new string('1', 32)}\"", "customer.phone" },
        { "phone with a letter", "customer.phone", "\"+49 30 12x4\"", "customer.phone" },
        { "phone starting with a bracket", "customer.phone", "\"(030) 1234\"", "customer.phone" },
        { "phone trailing newline", "customer.phone", "\"0301234\\n\"", "customer.phone" },
        { "phone not a string", "customer.phone", "4930", "customer.phone" },
        { "address line1 missing", "shippingAddress.line1", "REMOVE", "shippingAddress.line1" },
        { "address city missing", "shippingAddress.city", "REMOVE", "shippingAddress.city" },
        { "address postal code too long", "shippingAddress.postalCode", $"\"{new string('9', 21)}\"", "shippingAddress.postalCode" },
        { "address country lower case", "shippingAddress.country", "\"gb\"", "shippingAddress.country" },
        { "address country missing", "shippingAddress.country", "REMOVE", "shippingAddress.country" },
        { "lines missing", "lines", "REMOVE", "lines" },
        { "lines empty", "lines", "[]", "lines" },
        { "lines 101", "lines", "[" + string.Join(",", Enumerable.Repeat("{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":1}", 101)) + "]", "lines" },
        { "line null", "lines[0]", "null", "lines[0]" },
        { "sku missing", "lines[0].sku", "REMOVE", "lines[0].sku" },
        { "sku empty", "lines[0].sku", "\"\"", "lines[0].sku" },
        { "sku 65 chars", "lines[0].sku", $"\"{new string('S', 65)}\"", "lines[0].sku" },
        { "sku NUL character", "lines[0].sku", "\"A\\u0000B\"", "lines[0].sku" },
        { "quantity missing", "lines[0].quantity", "REMOVE", "lines[0].quantity" },
        { "quantity zero", "lines[0].quantity", "0", "lines[0].quantity" },
        { "quantity 1001", "lines[1].quantity", "1001", "lines[1].quantity" },
        { "quantity fraction", "lines[0].quantity", "2.5", "lines[0].quantity" },
        { "quantity string", "lines[0].quantity", "\"2\"", "lines[0].quantity" },
        { "quantity beyond int32", "lines[0].quantity", "99999999999", "lines[0].quantity" },
        { "unit price missing", "lines[0].unitPrice", "REMOVE", "lines[0].unitPrice" },
        { "unit price negative", "lines[0].unitPrice", "-1", "lines[0].unitPrice" },
        { "unit price above limit", "lines[0].unitPrice", "100000001", "lines[0].unitPrice" },
        { "unit price beyond int64", "lines[0].unitPrice", "1e30", "lines[0].unitPrice" },
        { "unknown top-level field", "extra", "1", "extra" },
        { "unknown line field", "lines[0].discount", "5", "lines[0].discount" },
        { "field name in wrong case", "Currency", "\"EUR\"", "Currency" },
    };

    public static TheoryData<string, string, string, int, string> UnreadableBodies() => new()
    {
        { "property name lone surrogate", "{\"a\\ud800\":1}", "application/json", 400, "MALFORMED_JSON" },
        { "truncated", "{\"clientReference\":\"r\",\"lines\":[", "application/json", 400, "MALFORMED_JSON" },
        { "not json", "clientReference=r", "application/json", 400, "MALFORMED_JSON" },
        { "empty", "", "application/json", 400, "MALFORMED_JSON" },
        { "duplicate property", "{\"currency\":\"EUR\",\"currency\":\"USD\"}", "application/json", 400, "MALFORMED_JSON" },
        { "nested too deep", new string('[', 200) + new string(']', 200), "application/json", 400, "MALFORMED_JSON" },
        { "array instead of object", "[]", "application/json", 400, "VALIDATION_FAILED" },
        { "null instead of object", "null", "application/json", 400, "VALIDATION_FAILED" },
        { "text/plain", "{}", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "form", "a=b", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "over 64 KiB", "{\"customer\":{\"name\":\"" + new string('x', 64 * 1024) + "\"}}", "application/json", 413, "PAYLOAD_TOO_LARGE" },
    };
}
