using OpenTelemetry.Metrics;

namespace Orders.Api.Observability;

/// <summary>Metrics (OpenTelemetry, scraped as Prometheus text), traces (OTLP, when configured), trace ids in JSON logs.</summary>
internal static class ObservabilityRegistration
{
    // ASP.NET Core's own meters: request duration and active requests, Kestrel connections.
    private static readonly string[] FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <param name="builder">The app's builder.</param>
    /// <param name="tracedPaths">The requests traced: the order endpoints' roots, the customers' and the fulfilment service's (probes and scrapes are not).</param>
    /// <param name="statementName">Names a database span after its statement (Storage/StatementNames).</param>
    public static IHostApplicationBuilder AddOrdersObservability(
        this IHostApplicationBuilder builder, PathString[] tracedPaths, Func<string?, string> statementName)
    {
        builder.Services.AddSingleton<OrdersMetrics>();
        var options = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.AddSingleton(options);
        if (options.Enabled)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter([OrdersMetrics.MeterName, .. FrameworkMeters])
                .AddPrometheusExporter());
        }
        builder.AddOrdersTracing(tracedPaths, statementName);
        builder.AddTraceIdsToJsonLogs();
        return builder;
    }

    /// <summary>Serves the scrape endpoint, unless metrics are turned off.</summary>
    public static WebApplication MapOrdersMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (options.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Path);
        }
        return app;
    }

}
