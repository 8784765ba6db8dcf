using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Generates the hostile-input cases: every one must be refused with a 4xx problem and store nothing.
/// Built from one valid order, changed in one way at a time, so each case names what it attacks.
/// </summary>
public static class HostileRequests
{
    private const string Reference = "hostile-ref";

    // Every field of an order and the JSON kind it must have.
    private static readonly (string Path, string Kind)[] Fields =
    [
        ("clientReference", "string"), ("currency", "string"), ("customer", "object"), ("customer.email", "string"),
        ("customer.name", "string"), ("customer.phone", "string"), ("shippingAddress", "object"), ("shippingAddress.line1", "string"),
        ("shippingAddress.line2", "string"), ("shippingAddress.city", "string"), ("shippingAddress.postalCode", "string"),
        ("shippingAddress.country", "string"), ("lines", "array"), ("lines[0]", "object"), ("lines[0].sku", "string"),
        ("lines[0].quantity", "integer"), ("lines[0].unitPrice", "integer"),
    ];

    private static readonly string[] Required =
    [
        "clientReference", "currency", "customer", "customer.email", "shippingAddress.line1", "shippingAddress.city",
        "shippingAddress.postalCode", "shippingAddress.country", "lines", "lines[0].sku", "lines[0].quantity", "lines[0].unitPrice",
    ];

    private static readonly string[] FormattedFields = ["clientReference", "currency", "lines[0].sku", "customer.email", "customer.phone", "shippingAddress.country"];

    private static readonly string[] Injections =
    [
        "' OR '1'='1", "1; DROP TABLE orders;--", "\"; DELETE FROM order_lines; --", "' UNION SELECT * FROM orders --",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "/etc/shadow", "${jndi:ldap://x}", "<script>x</script>",
        "a b", "x@y.z; rm -rf /", "\u0000", "abc\u0000def", "line\nbreak", "tab\there", "\u007F", "\u0085next", "ＥＵＲ", "EUR\u200B",
        "\u202Eref", "é", "🧨", "", " ", "\\", "'", "%00", "NULL'--", "-leading-dash'",
    ];

    private static readonly int[] HugeSizes = [101, 255, 10_000, 60_000];

    private static readonly string[] WrongValues = ["123", "-1.5", "true", "false", "[]", "{}", "\"text\"", "[1,2,3]", "{\"a\":1}"];

    public static IReadOnlyList<HostileRequest> All()
    {
        var cases = new List<HostileRequest>();
        cases.AddRange(Truncated());
        cases.AddRange(WrongTypes());
        cases.AddRange(Required.Select(path => Post($"missing {path}", body => OrderMutations.Remove(body, path))));
        cases.AddRange(Numbers());
        cases.AddRange(HugeStrings());
        cases.AddRange(from field in FormattedFields from text in Injections
                       select Post($"{field} = {Printable(text)}", body => OrderMutations.Set(body, field, text)));
        // A header cannot carry line breaks or NUL at all; every other hostile text can be tried there.
        cases.AddRange(Injections.Where(text => !text.Any(c => c is '\n' or '\r' or '\0')).Select(text => Post(
            $"Idempotency-Key {Printable(text)}", body => body.Remove("clientReference"), new Dictionary<string, string> { ["Idempotency-Key"] = text })));
        cases.AddRange(Paths());
        cases.AddRange(HostileShapes.Structural(Valid));
        cases.AddRange(HostileShapes.MethodsAndContentTypes(Valid().ToJsonString()));
        return cases;
    }

    internal static JsonObject Valid() => OrderRequests.Valid(Reference);

    internal static HostileRequest Post(string name, Action<JsonObject> change, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = Valid();
        change(body);
        return new HostileRequest(name, "POST", "/orders", body.ToJsonString(), Headers: headers);
    }

    private static IEnumerable<HostileRequest> Truncated()
    {
        var json = Valid().ToJsonString();
        // Every fourth cut: a body that ends mid-token, mid-string, mid-object, mid-array.
        for (var length = 0; length < json.Length; length += 4)
        {
            yield return new HostileRequest($"truncated at {length}", "POST", "/orders", json[..length]);
        }
    }

    private static IEnumerable<HostileRequest> WrongTypes() =>
        from field in Fields
        from value in WrongValues
        where !IsOfKind(value, field.Kind)
        select Post($"{field.Path} = {value}", body => OrderMutations.Set(body, field.Path, JsonNode.Parse(value)));

    private static IEnumerable<HostileRequest> Numbers()
    {
        string[] quantities = ["0", "-1", "1001", "2147483647", "2147483648", "-2147483649", "1e3", "1.0", "99999999999999999999999", "-0.0001"];
        string[] prices = ["-1", "100000001", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e19", "0.5", "1E+400"];
        foreach (var quantity in quantities)
        {
            yield return PostRaw($"quantity {quantity}", "\"quantity\":2", $"\"quantity\":{quantity}");
        }
        foreach (var price in prices)
        {
            yield return PostRaw($"unitPrice {price}", "\"unitPrice\":1999", $"\"unitPrice\":{price}");
        }
    }

    private static IEnumerable<HostileRequest> HugeStrings() =>
        from field in Fields.Where(field => field.Kind == "string")
        from size in HugeSizes
        where !(field.Path == "customer.email" && size <= 254) && !(field.Path is "customer.name" or "shippingAddress.line1" or "shippingAddress.line2" && size <= 200)
        select Post($"{field.Path} of {size} characters", body => OrderMutations.Set(body, field.Path, new string('A', size)));

    private static IEnumerable<HostileRequest> Paths()
    {
        string[] segments =
        [
            "..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271", "a%0Ab", "%2e%2e", "%C0%AE%C0%AE", "%252e%252e%252f",
            "ref;DROP%20TABLE%20orders", new string('r', 101), new string('r', 5000), "%F0%9F%A7%A8", "%E2%80%AEref", "a%20b", "%22quoted%22",
        ];
        foreach (var segment in segments)
        {
            yield return new HostileRequest($"GET /orders/{segment[..Math.Min(segment.Length, 30)]}", "GET", $"/orders/{segment}", null, null);
        }
        string[] queries = ["limit=-1", "limit=0", "limit=1e3", "limit=%27%20OR%201%3D1", "limit=99999999999", "after=..%2F..%2F", "after=%00", "after=' OR 1=1", "limit=abc&after=abc"];
        foreach (var query in queries)
        {
            yield return new HostileRequest($"GET /orders?{query}", "GET", $"/orders?{query}", null, null);
        }
    }

    private static HostileRequest PostRaw(string name, string find, string replace) =>
        new(name, "POST", "/orders", Valid().ToJsonString().Replace(find, replace, StringComparison.Ordinal));

    private static bool IsOfKind(string json, string kind) => kind switch
    {
        "string" => json.StartsWith('"'),
        "object" => json.StartsWith('{'),
        "array" => json.StartsWith('['),
        _ => json is "123", // the only whole number in WrongValues; within every range it is tested in
    };

    private static string Printable(string text) =>
        string.Concat(text.Take(24).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
