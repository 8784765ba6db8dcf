using System.Diagnostics;
using OpenTelemetry;

namespace Orders.Api.Observability;

/// <summary>
/// Removes any db.query.parameter.* attribute before a span is exported. SqlClient's instrumentation
/// records parameter values when OTEL_DOTNET_EXPERIMENTAL_SQLCLIENT_ENABLE_TRACE_DB_QUERY_PARAMETERS
/// is set, and its option to refuse that is not public; an order's parameters are its customer's
/// email, name and address, which must never leave in a trace.
/// </summary>
internal sealed class NoQueryParameters : BaseProcessor<Activity>
{
    public const string Prefix = "db.query.parameter.";

    public override void OnEnd(Activity data)
    {
        List<string>? found = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                (found ??= []).Add(tag.Key);
            }
        }
        foreach (var key in found ?? [])
        {
            data.SetTag(key, null);
        }
    }
}
