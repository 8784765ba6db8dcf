using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orders.Api.Observability;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// A trace a frontend started: its W3C traceparent travels with the request, as a browser's or a
/// checkout service's OpenTelemetry would send it.
/// </summary>
public sealed record FrontendTrace(string TraceId, string SpanId, bool Sampled)
{
    public static FrontendTrace New(bool sampled = true) =>
        new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString(), sampled);

    public string TraceParent => $"00-{TraceId}-{SpanId}-{(Sampled ? "01" : "00")}";

    public Task<HttpResponseMessage> PostOrderAsync(HttpClient client, JsonNode body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Any request, sent with this trace's traceparent.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A cancel's or change's trace is whole once its span (<paramref name="name"/>) has statements below it.</summary>
    public static Func<IReadOnlyList<ReceivedSpan>, bool> HasTransition(string name) => trace =>
        trace.Any(span => span.Kind == SpanKind.Server)
        && trace.FirstOrDefault(span => span.Name == name) is { } transition
        && trace.Any(span => span.ParentSpanId == transition.SpanId);

    /// <summary>A create's trace is whole once its create span has its outcome and its statements below it.</summary>
    public static bool HasCreate(IReadOnlyList<ReceivedSpan> trace) =>
        trace.Any(span => span.Kind == SpanKind.Server)
        && trace.FirstOrDefault(span => span.Name == OrdersTracing.CreateSpan) is { } create
        && trace.Any(span => span.ParentSpanId == create.SpanId);

    /// <summary>The customer data of an order body: none of it may appear in any span.</summary>
    public static IReadOnlyList<string> CustomerValues(JsonObject body) =>
    [
        (string)body["customer"]!["email"]!,
        (string)body["customer"]!["name"]!,
        (string)body["shippingAddress"]!["line1"]!,
        (string)body["shippingAddress"]!["city"]!,
        (string)body["shippingAddress"]!["postalCode"]!,
    ];

    public static void AssertNoCustomerData(IEnumerable<ReceivedSpan> spans, JsonObject body)
    {
        var secrets = CustomerValues(body);
        foreach (var span in spans)
        {
            var leaked = span.AllValues.FirstOrDefault(value => secrets.Any(secret => value.Contains(secret, StringComparison.OrdinalIgnoreCase)));
            Assert.True(leaked is null, $"span '{span.Name}' holds customer data: {leaked}");
        }
    }
}
