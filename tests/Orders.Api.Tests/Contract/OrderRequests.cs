using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>Valid order bodies to start from; tests change one thing at a time.</summary>
public static class OrderRequests
{
    public static string NewReference() => $"test-{Guid.NewGuid()}";

    public static JsonObject Valid(string clientReference) => new()
    {
        ["clientReference"] = clientReference,
        ["currency"] = "EUR",
        ["customer"] = new JsonObject { ["email"] = "ada@example.com", ["name"] = "Ada Lovelace", ["phone"] = "+44 20 7946 0958" },
        ["shippingAddress"] = new JsonObject
        {
            ["line1"] = "12 St James's Square",
            ["line2"] = null,
            ["city"] = "London",
            ["postalCode"] = "SW1Y 4JH",
            ["country"] = "GB",
        },
        ["lines"] = new JsonArray
        {
            new JsonObject { ["sku"] = "SKU-1", ["quantity"] = 2, ["unitPrice"] = 1999 },
            new JsonObject { ["sku"] = "SKU-2", ["quantity"] = 1, ["unitPrice"] = 500 },
        },
    };

    public static Task<HttpResponseMessage> PostOrderAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>GET /orders/{reference} with an If-None-Match header sent as given (unvalidated, so a bad one can be sent too).</summary>
    public static async Task<HttpResponseMessage> GetOrderIfNoneMatchAsync(this HttpClient client, string reference, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{reference}");
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType = "application/json")
    {
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync("/orders", content, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
}
