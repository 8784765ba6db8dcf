using System.Text.Json.Nodes;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// Hostile fulfilments of one placed order, each with the fulfilment service's token, so that only what
/// is hostile can refuse it: a body, an owner or reference segment, a method, a content type or an
/// If-Match that is wrong. Every one must be refused with a 4xx problem and leave the order placed.
/// </summary>
public static class HostileFulfilments
{
    private static readonly string[] Fields = ["carrier", "trackingNumber"];

    private static readonly string[] Roots = ["[]", "[{}]", "\"DHL\"", "42", "true", "{\"\":1}"];

    private static readonly string[] ContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream", "text/json"];

    private static readonly string[] Methods = ["GET", "PUT", "PATCH", "DELETE"];

    // None can match the placed order's tag; "*" would, and is no attack.
    private static readonly string[] IfMatches = ["\"nope\"", "W/\"nope\"", "garbage", "\"\"", "\"a\", W/\"b\""];

    private static readonly string[] WrongValues = ["123", "-1.5", "true", "false", "[]", "{}", "\"\"", "\"   \"", "[\"DHL\"]", "{\"name\":\"DHL\"}"];

    private static readonly string[] BadTexts = ["\u0000", "DHL\u0000", "\u0007bell", "line\nbreak"];

    private static readonly int[] HugeSizes = [101, 255, 10_000, 60_000];

    private static readonly string[] Owners =
    [
        "..%2F..%2Fowner-ada", "owner-ada%01", "owner-ada%0A", "%7F", new string('s', 256), "%C0%AE%C0%AE", "%252e%252e%252f",
        "owner-ada%2Forders%2Fx", "owner-%27%20OR%20%271%27%3D%271", "%20owner-ada", "owner-ada%20", "OWNER-ADA", "owner-ad%C3%A1",
    ];

    private static readonly string[] References = ["..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271", "a%0Ab", new string('r', 101), "%2e%2e", "ref%01"];

    public static IReadOnlyList<HostileRequest> All(string owner, string reference)
    {
        var path = ServiceRequests.FulfilmentPath(owner, reference);
        var cases = new List<HostileRequest>();
        foreach (var field in Fields)
        {
            cases.AddRange(WrongValues.Select(value => Post(path, $"{field} = {value}", $"{{\"{field}\":{value}}}")));
            cases.AddRange(BadTexts.Select(text => Post(path, $"{field} = {Printable(text)}", Body(field, text))));
            cases.AddRange(HugeSizes.Select(size => Post(path, $"{field} of {size} characters", Body(field, new string('A', size)))));
            cases.Add(Post(path, $"lone surrogate in {field}", $"{{\"{field}\":\"DHL\\udc00\"}}"));
            cases.Add(Post(path, $"duplicate {field}", $"{{\"{field}\":\"DHL\",\"{field}\":\"UPS\"}}"));
        }
        var valid = TransitionRequests.Shipment("DHL", "JD014600006281").ToJsonString();
        cases.AddRange(
        [
            Post(path, "unknown member", """{"carrier":"DHL","status":"placed"}"""),
            Post(path, "misspelt member", """{"Carrier":"DHL"}"""),
            Post(path, "__proto__", """{"__proto__":{"admin":true}}"""),
            Post(path, "fulfilledAt sent", """{"fulfilledAt":"2000-01-01T00:00:00Z"}"""),
            Post(path, "owner sent", """{"owner":"owner-grace"}"""),
            Post(path, "comment in body", "/* hi */" + valid),
            Post(path, "trailing comma", valid[..^1] + ",}"),
            Post(path, "two documents", valid + valid),
            Post(path, "single quotes", valid.Replace('"', '\'')),
            Post(path, "over 64 KiB", valid.Replace("DHL", new string('x', 70_000), StringComparison.Ordinal)),
            Post(path, "nested 10000 deep", new string('[', 10_000) + new string(']', 10_000)),
        ]);
        cases.AddRange(Roots.Select(root => Post(path, $"body {root}", root)));
        for (var length = 1; length < valid.Length; length += 4)
        {
            cases.Add(Post(path, $"truncated at {length}", valid[..length]));
        }
        foreach (var contentType in ContentTypes)
        {
            cases.Add(Post(path, $"content type {contentType}", valid, contentType));
        }
        foreach (var method in Methods)
        {
            cases.Add(new HostileRequest($"{method} fulfilment", method, path, valid, Headers: Service()));
        }
        foreach (var ifMatch in IfMatches)
        {
            cases.Add(new HostileRequest($"If-Match {ifMatch}", "POST", path, valid, Headers: Service(("If-Match", ifMatch))));
        }
        cases.AddRange(Owners.Select(segment => Post($"/owners/{segment}/orders/{reference}/fulfilment", $"owner {segment[..Math.Min(segment.Length, 30)]}", valid)));
        cases.AddRange(References.Select(segment => Post($"/owners/{owner}/orders/{segment}/fulfilment", $"reference {segment[..Math.Min(segment.Length, 30)]}", valid)));
        return cases;
    }

    private static HostileRequest Post(string path, string name, string body, string contentType = "application/json") =>
        new(name, "POST", path, body, contentType, Service());

    private static Dictionary<string, string> Service(params (string Name, string Value)[] more)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {TestTokens.MintService()}" };
        foreach (var (name, value) in more)
        {
            headers[name] = value;
        }
        return headers;
    }

    private static string Body(string field, string text) => new JsonObject { [field] = text }.ToJsonString();

    private static string Printable(string text) =>
        string.Concat(text.Take(24).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
