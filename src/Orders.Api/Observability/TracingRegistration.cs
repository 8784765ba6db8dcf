using Microsoft.Data.SqlClient;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orders.Api.Observability;

/// <summary>
/// Traces, configured the standard way: on only when an OTLP endpoint is configured
/// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); every other OTEL_* variable
/// (protocol, headers, OTEL_TRACES_SAMPLER, OTEL_BSP_*, OTEL_RESOURCE_ATTRIBUTES, OTEL_SDK_DISABLED)
/// is read by the OpenTelemetry SDK itself. Off, nothing listens to any ActivitySource, so no span is
/// made. The default sampler is the SDK's parentbased_always_on: an incoming traceparent decides.
/// </summary>
internal static class TracingRegistration
{
    public const string DefaultServiceName = "orders-api";

    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>The route value that names an order's owner in a path.</summary>
    public const string OwnerRouteValue = "owner";

    public static IHostApplicationBuilder AddOrdersTracing(this IHostApplicationBuilder builder, PathString[] tracedPaths, Func<string?, string> statementName)
    {
        var configuration = builder.Configuration;
        if (!IsExportConfigured(configuration))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) wins; AddService would override it.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])
                    && configuration["OTEL_RESOURCE_ATTRIBUTES"]?.Contains("service.name=", StringComparison.Ordinal) != true)
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .AddSource(OrdersTracing.SourceName)
            // The order requests only: health probes and metric scrapes every few seconds (and Swagger)
            // would each be a trace of their own.
            .AddAspNetCoreInstrumentation(options =>
            {
                options.Filter = context => IsUnder(context.Request.Path, tracedPaths);
                // A subject is personal data: where the path names an owner (the fulfilment route), the span
                // keeps the route's template as its path, as its name and http.route already do.
                options.EnrichWithHttpResponse = (activity, response) =>
                {
                    if (response.HttpContext.GetRouteValue(OwnerRouteValue) is not null && response.HttpContext.GetEndpoint() is RouteEndpoint endpoint)
                    {
                        activity.SetTag("url.path", endpoint.RoutePattern.RawText);
                    }
                };
            })
            .AddNpgsql()
            .AddSqlClientInstrumentation(options =>
            {
                // A statement outside a trace (the relay's polling) makes no trace of its own.
                options.Filter = _ => System.Diagnostics.Activity.Current is not null;
                options.EnrichWithSqlCommand = (activity, command) =>
                {
                    if (command is SqlCommand sql)
                    {
                        activity.DisplayName = statementName(sql.CommandText);
                    }
                };
            })
            // Before the exporter's processor, so it sees the spans already cleaned.
            .AddProcessor<NoQueryParameters>()
            .AddOtlpExporter());
        return builder;
    }

    /// <summary>True when the path is one of <paramref name="roots"/> or below one (a loop: asked on every request).</summary>
    private static bool IsUnder(PathString path, PathString[] roots)
    {
        foreach (var root in roots)
        {
            if (path.StartsWithSegments(root, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsExportConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointVariable]) || !string.IsNullOrWhiteSpace(configuration[TracesEndpointVariable]);
}
