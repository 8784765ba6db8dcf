using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Orders.Api.Observability;
using Orders.Api.Storage.Errors;
using Orders.Api.Storage;

namespace Orders.Api.Http.Responses;

/// <summary>
/// The last line of defence: an unreachable store becomes 503 STORE_UNAVAILABLE with Retry-After, and
/// so does any database error that reached here without passing the stores' retry, when
/// <see cref="StoreErrors"/> calls it a store failure; anything else, a bug, 500 INTERNAL_ERROR. Neither
/// ever carries exception text, SQL or a stack trace. A request whose client went away is answered
/// nothing and recorded as 499, whatever it threw: its failure is the hang-up's, not the store's.
/// </summary>
internal sealed partial class StoreExceptionHandler(
    IOptions<StorageOptions> options, OrdersMetrics metrics, StoreOutageLog outageLog, ILogger<StoreExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ClientLeft(httpContext, exception))
        {
            // Nobody is left to answer, and what the request threw says nothing of the store: a
            // driver's own exception for the cancelled command, or the body cut short. ASP.NET Core
            // itself does this only for an OperationCanceledException or an IOException.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }
            return true;
        }
        var placesOrder = HttpMethods.IsPost(httpContext.Request.Method);
        ProblemResult result;
        if (exception is StoreUnavailableException || StoreErrors.Classify(exception).IsStoreFailure())
        {
            outageLog.Unavailable(httpContext, exception);
            metrics.Rejected(OrdersMetrics.Reasons.StoreUnavailable);
            result = Problems.StoreUnavailable(options.Value.RetryAfterSeconds, placesOrder);
        }
        else if (exception is BadHttpRequestException badRequest)
        {
            result = new ProblemResult(Problems.ForStatus(badRequest.StatusCode, placesOrder));
        }
        else
        {
            LogUnexpected(logger, exception);
            result = new ProblemResult(Problems.ForStatus(StatusCodes.Status500InternalServerError, placesOrder));
        }
        try
        {
            await result.ExecuteAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while its answer was written. Thrown on, the middleware would log the
            // original exception as unhandled and leave the response to Kestrel's 500.
        }
        return true;
    }

    // The reset can reach the body reader before Kestrel has cancelled RequestAborted: the transport
    // completes the request's input with it first and cancels the token from the thread pool after.
    private static bool ClientLeft(HttpContext httpContext, Exception exception) =>
        httpContext.RequestAborted.IsCancellationRequested || exception is ConnectionResetException;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
