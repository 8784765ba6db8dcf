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
/// ever carries exception text, SQL or a stack trace.
/// </summary>
internal sealed partial class StoreExceptionHandler(
    IOptions<StorageOptions> options, OrdersMetrics metrics, StoreOutageLog outageLog, ILogger<StoreExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
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
        await result.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
