using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orders.Api.Tests.Tracing;

/// <summary>
/// A collector's OTLP/HTTP trace endpoint (POST /v1/traces, protobuf, gzip or not) on 127.0.0.1:
/// keeps every span it receives and answers as a collector does. What the API exports is what a
/// user's collector would get.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter adds /v1/traces).</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var bytes = new MemoryStream();
            await body.CopyToAsync(bytes);
            foreach (var span in OtlpTraceDecoder.Decode(bytes.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }
            // An empty ExportTraceServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>The settings that point an API at this receiver over OTLP/HTTP, exporting within a fraction of a second.</summary>
    public Dictionary<string, string> ExportSettings() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    /// <summary>The spans of one trace, once (bounded wait) <paramref name="complete"/> says they are all there.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<ReceivedSpan>, bool> complete, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var trace = Spans.Where(span => span.TraceId == traceId).ToList();
            if (complete(trace) || clock.Elapsed > timeout)
            {
                return trace;
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
