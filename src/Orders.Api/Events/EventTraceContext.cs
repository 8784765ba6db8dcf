using System.Diagnostics;
using Orders.Api.Storage;

namespace Orders.Api.Events;

/// <summary>
/// The W3C trace context a create stores with its event: the current span's traceparent and
/// tracestate. With tracing off the request still has ASP.NET Core's activity, whose ids carry an
/// incoming traceparent's trace on, so a consumer can join the frontend's trace either way.
/// </summary>
public static class EventTraceContext
{
    public static (string? TraceParent, string? TraceState) Current()
    {
        var activity = Activity.Current;
        if (activity is not { IdFormat: ActivityIdFormat.W3C } || activity.Id is not { Length: OrderEvent.TraceParentLength } traceParent)
        {
            return (null, null);
        }
        var traceState = activity.TraceStateString;
        return (traceParent, traceState is { Length: > 0 and <= OrderEvent.MaxTraceStateLength } ? traceState : null);
    }
}
