using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>Hostile cases about the shape of a request rather than one field's value.</summary>
internal static class HostileShapes
{
    private static readonly string[] Objects = ["", "customer", "shippingAddress", "lines[0]"];

    public static IEnumerable<HostileRequest> Structural(Func<JsonObject> valid)
    {
        var json = valid().ToJsonString();
        foreach (var depth in new[] { 17, 64, 1_000, 10_000 })
        {
            var nested = new string('[', depth) + new string(']', depth);
            yield return Raw($"nested {depth} deep in customer.name", json.Replace("\"Ada Lovelace\"", nested, StringComparison.Ordinal));
            yield return Raw($"nested {depth} deep as the body", nested);
            yield return Raw($"objects nested {depth} deep", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        }
        foreach (var count in new[] { 101, 1_000, 1_600, 10_000 })
        {
            var lines = string.Join(",", Enumerable.Repeat("{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":1}", count));
            yield return Raw($"{count} lines", json[..json.IndexOf("\"lines\":", StringComparison.Ordinal)] + $"\"lines\":[{lines}]}}");
        }
        foreach (var path in Objects)
        {
            yield return Edit(valid, $"unknown property in '{path}'", path, o => o["injected"] = "x");
            yield return Edit(valid, $"misspelt property in '{path}'", path, o => o["Currency"] = "EUR");
            yield return Edit(valid, $"__proto__ in '{path}'", path, o => o["__proto__"] = new JsonObject { ["admin"] = true });
        }
        yield return Raw("duplicate clientReference", json.Replace("{\"clientReference\":\"hostile-ref\"", "{\"clientReference\":\"hostile-ref\",\"clientReference\":\"other\"", StringComparison.Ordinal));
        yield return Raw("duplicate customer.email", json.Replace("\"email\":\"ada@example.com\"", "\"email\":\"ada@example.com\",\"email\":\"eve@example.com\"", StringComparison.Ordinal));
        yield return Raw("duplicate lines[0].quantity", json.Replace("\"quantity\":2", "\"quantity\":2,\"quantity\":3", StringComparison.Ordinal));
        yield return Raw("duplicate lines", json.Replace("\"lines\":", "\"lines\":[],\"lines\":", StringComparison.Ordinal));
        foreach (var root in new[] { "[]", "[{}]", "\"order\"", "42", "null", "true", "{}", "{\"\":1}", "{\"a\\ud800\":1}" })
        {
            yield return Raw($"body {root}", root);
        }
        yield return Raw("lone surrogate in name", json.Replace("Ada Lovelace", "Ada\\udc00", StringComparison.Ordinal));
        yield return Raw("NUL escape in name", json.Replace("Ada Lovelace", "Ada\\u0000", StringComparison.Ordinal));
        yield return Raw("comment in body", "/* hi */" + json);
        yield return Raw("trailing comma", json[..^1] + ",}");
        yield return Raw("two documents", json + json);
        yield return Raw("single quotes", json.Replace('"', '\''));
        yield return Raw("over 64 KiB", json.Replace("Ada Lovelace", new string('x', 70_000), StringComparison.Ordinal));
        yield return Raw("64 KiB of whitespace then the order", new string(' ', 66_000) + json);
    }

    public static IEnumerable<HostileRequest> MethodsAndContentTypes(string json)
    {
        foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
        {
            yield return new HostileRequest($"{method} /orders", method, "/orders", json);
            yield return new HostileRequest($"{method} /orders/ref", method, "/orders/hostile-ref", json);
        }
        yield return new HostileRequest("POST /orders/ref", "POST", "/orders/hostile-ref", json);
        yield return new HostileRequest("TRACE /orders", "TRACE", "/orders", null, null);
        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/jsonp", "text/json", "application/octet-stream", "image/png", "application" })
        {
            yield return new HostileRequest($"content type {contentType}", "POST", "/orders", json, contentType);
        }
        yield return new HostileRequest("no content type", "POST", "/orders", json, null);
        yield return new HostileRequest("no body", "POST", "/orders", null, null);
        yield return new HostileRequest("empty JSON body", "POST", "/orders", "", "application/json");
    }

    private static HostileRequest Raw(string name, string body) => new(name, "POST", "/orders", body);

    private static HostileRequest Edit(Func<JsonObject> valid, string name, string path, Action<JsonObject> edit)
    {
        var body = valid();
        JsonObject target = path switch
        {
            "" => body,
            "lines[0]" => body["lines"]![0]!.AsObject(),
            _ => body[path]!.AsObject(),
        };
        edit(target);
        return new HostileRequest(name, "POST", "/orders", body.ToJsonString());
    }
}
