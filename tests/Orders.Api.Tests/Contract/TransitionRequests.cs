using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>Cancel and change requests, with the headers sent as given (unvalidated, so a bad one can be sent too).</summary>
public static class TransitionRequests
{
    public const string MergePatch = "application/merge-patch+json";

    public static Task<HttpResponseMessage> CancelOrderAsync(
        this HttpClient client, string reference, JsonNode? body = null, string? ifMatch = null) =>
        client.PostTransitionAsync($"/orders/{reference}/cancellation", body, ifMatch);

    public static Task<HttpResponseMessage> CancelOrderAsync(this HttpClient client, string reference, string reason, string? ifMatch = null) =>
        client.CancelOrderAsync(reference, new JsonObject { ["reason"] = reason }, ifMatch);

    /// <summary>
    /// The fulfilment service's POST /owners/{owner}/orders/{reference}/fulfilment, the owner segment
    /// URL-encoded as a service must (a subject may hold '|' or a space), unless <paramref name="rawOwner"/> says it is already.
    /// </summary>
    public static Task<HttpResponseMessage> FulfilOrderAsync(
        this HttpClient client, string owner, string reference, JsonNode? body = null, string? ifMatch = null, bool rawOwner = false) =>
        client.PostTransitionAsync($"/owners/{(rawOwner ? owner : Uri.EscapeDataString(owner))}/orders/{reference}/fulfilment", body, ifMatch);

    public static JsonObject Shipment(string? carrier, string? trackingNumber) => new() { ["carrier"] = carrier, ["trackingNumber"] = trackingNumber };

    /// <summary>A POST with an optional JSON body (none at all when null) and an optional If-Match.</summary>
    private static async Task<HttpResponseMessage> PostTransitionAsync(this HttpClient client, string path, JsonNode? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> ChangeOrderAsync(
        this HttpClient client, string reference, JsonNode patch, string? ifMatch, string contentType = MergePatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/orders/{reference}")
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8, contentType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Places a valid order and returns its ETag.</summary>
    public static async Task<string> PlaceAsync(this HttpClient client, string reference, Action<JsonObject>? edit = null)
    {
        var body = OrderRequests.Valid(reference);
        edit?.Invoke(body);
        var created = await client.PostOrderAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return created.Headers.ETag!.ToString();
    }

    public static JsonObject NewCity(string city) => new() { ["shippingAddress"] = new JsonObject { ["city"] = city } };
}
