using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Tracing;

/// <summary>Off by default: without an OTLP endpoint no tracer provider exists, so nothing listens to any span.</summary>
public sealed class TracingOffTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public void WithoutAnOtlpEndpoint_NoTracerProviderIsBuilt()
    {
        using var factory = OrdersApiFactory.For(database);

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void WithAnOtlpEndpoint_ATracerProviderIsBuilt()
    {
        using var factory = OrdersApiFactory.For(database, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1" });

        Assert.NotNull(factory.Services.GetService<TracerProvider>());
    }
}
