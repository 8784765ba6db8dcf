using Microsoft.Extensions.Logging.Console;

namespace Orders.Api.Observability;

/// <summary>
/// JSON log lines carry the trace: with the json console formatter every line gets its scopes, among
/// them the host's TraceId and SpanId (the request's server span, the ids an exported trace has), so
/// a log line leads to its trace and back. An operator's explicit
/// Logging:Console:FormatterOptions:IncludeScopes still decides.
/// </summary>
internal static class LogCorrelation
{
    public const string IncludeScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    public static IHostApplicationBuilder AddTraceIdsToJsonLogs(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[IncludeScopesKey] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        }
        return builder;
    }
}
