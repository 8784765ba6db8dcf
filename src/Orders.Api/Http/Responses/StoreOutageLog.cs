using System.Diagnostics;

namespace Orders.Api.Http.Responses;

/// <summary>
/// How a 503 is logged: one short line per request (the cause's type and message, the trace id, no
/// stack), and the full exception once per outage, at its first 503. An outage ends when no 503 was
/// answered for <see cref="QuietPeriod"/>: a database down for an hour logs one stack trace, not one
/// per request.
/// </summary>
internal sealed partial class StoreOutageLog(ILogger<StoreExceptionHandler> logger, TimeProvider clock)
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(60);

    // Ticks of the last 503; 0 before the first.
    private long _last503;

    public void Unavailable(HttpContext httpContext, Exception exception)
    {
        var now = clock.GetTimestamp();
        var previous = Interlocked.Exchange(ref _last503, now);
        var cause = exception.InnerException ?? exception;
        var traceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        var message = cause.Message.Split('\n', 2)[0].TrimEnd();
        LogUnavailable(logger, cause.GetType().Name, message, traceId);
        if (previous == 0 || clock.GetElapsedTime(previous, now) > QuietPeriod)
        {
            // Off the request's path: the first full exception of a process formats its stack trace
            // with file and line numbers, which loads and reads the symbol files. Measured under a
            // Citus worker kill on 2 busy cores, that held the outage's first 503 of each API
            // instance 3.7-8.1 s past its store's answer, beyond the client's timeout.
            _ = Task.Run(() => LogOutageStarted(logger, exception));
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "Order store unavailable, answered 503: {CauseType}: {Cause} trace {TraceId}")]
    private static partial void LogUnavailable(ILogger logger, string causeType, string cause, string traceId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error,
        Message = "Order store outage began (logged in full once; every 503 of it gets one line)")]
    private static partial void LogOutageStarted(ILogger logger, Exception exception);
}
