using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orders.Api.Tests.Contract;

/// <summary>The fulfilment service's request, sent as given (an If-Match unvalidated, so a bad one can be sent too).</summary>
public static class ServiceRequests
{
    /// <summary>The fulfil route of an order, as the service knows it from order.placed: its owner (escaped) and reference.</summary>
    public static string FulfilmentPath(string owner, string reference) =>
        $"/owners/{Uri.EscapeDataString(owner)}/orders/{reference}/fulfilment";

    public static async Task<HttpResponseMessage> FulfilOrderAsync(
        this HttpClient client, string owner, string reference, JsonNode? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FulfilmentPath(owner, reference));
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

    public static JsonObject Shipment(string? carrier, string? trackingNumber) =>
        new() { ["carrier"] = carrier, ["trackingNumber"] = trackingNumber };
}
