using System.Net;
using System.Text.Json.Nodes;
using Orders.Api.Observability;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// Tracing as users deploy it: the built Orders.Api.dll as a process, configured only by OTEL_*
/// environment variables, exporting to a real OTLP/HTTP receiver, its JSON log lines on stdout.
/// SIGTERM ends each run, so the exporter's flush at shutdown is part of what is tested.
/// </summary>
public sealed class DeployedTracingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OtlpEndpointSet_ExportsTheSampledRequest_AsOrdersApi_AndItsJsonLogLineCarriesTheSameIds()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = Environment(receiver);
        environment["Logging__Console__FormatterName"] = "json";
        var (sampled, unsampled) = (FrontendTrace.New(), FrontendTrace.New(sampled: false));
        var body = OrderRequests.Valid(OrderRequests.NewReference());

        // Given the API started with only the OTLP endpoint (and protocol) set, when a sampled and an unsampled request arrive
        var api = await ApiProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Mint());
        await api.ExpectAliveDuringAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.Created, (await sampled.PostOrderAsync(client, body)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await unsampled.PostOrderAsync(client, OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);
        });
        api.Terminate();
        var (exitCode, output) = await api.WaitForExitAsync(Exit);
        await api.DisposeAsync();

        // Then the sampled one's trace arrived whole, as service orders-api; the parent's "not sampled" was honoured
        Assert.Equal(0, exitCode);
        var trace = await receiver.WaitForTraceAsync(sampled.TraceId, FrontendTrace.HasCreate, TimeSpan.FromSeconds(10));
        var server = Assert.Single(trace, span => span.Kind == SpanKind.Server);
        Assert.Equal(sampled.SpanId, server.ParentSpanId);
        Assert.Equal(TracingRegistration.DefaultServiceName, server.Resource["service.name"]);
        Assert.Contains(trace, span => span.Name == OrdersTracing.ValidateSpan);
        Assert.Contains(trace, span => span.Name == "InsertHeader" && span.Attribute("db.system.name") == "sqlite");
        FrontendTrace.AssertNoCustomerData(trace, body);
        Assert.DoesNotContain(receiver.Spans, span => span.TraceId == unsampled.TraceId);
        // And the "Order created" JSON line names the trace and the server span
        var created = Assert.Single(JsonLines(output), line => (int?)line["EventId"] == 1
            && (string?)line["State"]?["ClientReference"] == (string?)body["clientReference"]);
        var scope = created["Scopes"]!.AsArray().Single(s => s?["TraceId"] is not null)!;
        Assert.Equal(sampled.TraceId, (string?)scope["TraceId"]);
        Assert.Equal(server.SpanId, (string?)scope["SpanId"]);
    }

    [Fact]
    public async Task SamplerAndServiceNameFromOtelVariables_ParentBasedAlwaysOff_ExportsOnlyWhatTheParentSampled()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = Environment(receiver);
        environment["OTEL_TRACES_SAMPLER"] = "parentbased_always_off";
        environment["OTEL_SERVICE_NAME"] = "checkout-orders";
        var sampled = FrontendTrace.New();
        var invalid = OrderRequests.Valid(OrderRequests.NewReference());
        invalid.Remove("currency");

        // When a request continues a sampled frontend trace, and another starts a trace of its own
        var api = await ApiProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Mint());
        string? rootTraceId = null;
        await api.ExpectAliveDuringAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.Created, (await sampled.PostOrderAsync(client, OrderRequests.Valid(OrderRequests.NewReference()))).StatusCode);
            var refused = await client.PostOrderAsync(invalid);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            rootTraceId = ((string?)(await refused.ReadJsonAsync())["traceId"])?.Split('-')[1];
        });
        api.Terminate();
        Assert.Equal(0, (await api.WaitForExitAsync(Exit)).ExitCode);
        await api.DisposeAsync();

        // Then the parent's decision stood (exported, under the configured name); the root was not sampled
        var trace = await receiver.WaitForTraceAsync(sampled.TraceId, FrontendTrace.HasCreate, TimeSpan.FromSeconds(10));
        Assert.Equal("checkout-orders", Assert.Single(trace, span => span.Kind == SpanKind.Server).Resource["service.name"]);
        Assert.Matches("^[0-9a-f]{32}$", rootTraceId);
        Assert.DoesNotContain(receiver.Spans, span => span.TraceId == rootTraceId);
    }

    private Dictionary<string, string> Environment(OtlpReceiver receiver)
    {
        var environment = receiver.ExportSettings();
        foreach (var (key, value) in DatabaseSettings.EnvironmentOf(database))
        {
            environment[key] = value;
        }
        environment["RateLimiting__Enabled"] = "false";
        foreach (var (key, value) in TestTokens.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    private static IEnumerable<JsonObject> JsonLines(string output) => output
        .Split('\n')
        .Where(line => line.TrimStart().StartsWith('{'))
        .Select(line => JsonNode.Parse(line)!.AsObject());
}
