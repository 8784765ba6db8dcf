using System.Diagnostics;
using Orders.Api.Contracts;
using Orders.Api.Http.Responses;
using Orders.Api.Observability;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// Counts and logs what each order request ended in, from the result the endpoint returned: one log
/// line per order created and per duplicate. Never logs bodies, so never an email or a token.
/// </summary>
internal sealed partial class OrderOutcomeFilter(OrdersMetrics metrics, ILogger<OrderOutcomeFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        switch (outcome)
        {
            case JsonCreated<OrderResponse> { Value: { } order }:
                metrics.OrderCreated();
                LogCreated(logger, order.ClientReference, order.OrderId, traceId);
                break;
            case ProblemResult { Value: DuplicateOrderProblem duplicate }:
                metrics.Duplicate(duplicate.SameRequest);
                LogDuplicate(logger, duplicate.ClientReference, duplicate.OrderId, duplicate.SameRequest, traceId);
                break;
            // A cancel's, change's or fulfilment's answer about the order's state is an outcome, counted by the
            // endpoint as orders.transitions, not a rejection of the request.
            case ProblemResult { Value: OrderAlreadyCancelledProblem or OrderNotChangeableProblem or PreconditionFailedProblem
                or OrderNotCancellableProblem or OrderAlreadyFulfilledProblem or OrderCancelledProblem }:
                break;
            case ProblemResult { Value.Status: >= 400 and < 500 }:
                metrics.Rejected(OrdersMetrics.Reasons.Validation);
                break;
        }
        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Order created {ClientReference} {OrderId} trace {TraceId}")]
    private static partial void LogCreated(ILogger logger, string clientReference, Guid orderId, string traceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Duplicate order request {ClientReference} {OrderId} sameRequest {SameRequest} trace {TraceId}")]
    private static partial void LogDuplicate(ILogger logger, string clientReference, Guid orderId, bool sameRequest, string traceId);
}
