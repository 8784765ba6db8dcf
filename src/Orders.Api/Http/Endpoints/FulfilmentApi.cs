using Microsoft.AspNetCore.Http.HttpResults;
using Orders.Api.Contracts;
using Orders.Api.Http.Requests;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Observability;
using Orders.Api.Rules;
using Orders.Api.Security;
using Orders.Api.Storage;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// The fulfilment service's one route: it marks any owner's placed order fulfilled. The path names the
/// order by owner and reference, as order.placed does, so on Citus the fulfilment touches the owner's
/// shard only (an order id alone would be looked up on every shard). One conditional write, as a cancel
/// is: a fulfilment and a customer's cancel of the same order race on its row lock and exactly one wins.
/// </summary>
public static class FulfilmentApi
{
    /// <summary>Where the fulfilment service addresses orders.</summary>
    public const string Root = "/owners/{owner}/orders";

    internal static IEndpointRouteBuilder MapFulfilmentApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Root).WithTags(ApiTexts.TagName)
            .MapPost("/{clientReference}/fulfilment", FulfilOrderAsync)
            .WithName("FulfilOrder")
            .WithSummary("Mark a placed order fulfilled (shipped), exactly once: for the fulfilment service.")
            .WithDescription(ApiTexts.FulfilOrder)
            .Accepts<FulfilOrderRequest>(isOptional: true, "application/json")
            .AcceptsIfMatchHeader(required: false)
            .ProducesProblem<ValidationApiProblem>(StatusCodes.Status400BadRequest)
            .ProducesProblem<ApiProblem>(StatusCodes.Status404NotFound)
            .ProducesProblem<OrderAlreadyFulfilledProblem>(StatusCodes.Status409Conflict)
            .ProducesProblem<PreconditionFailedProblem>(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem<ApiProblem>(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem<ApiProblem>(StatusCodes.Status415UnsupportedMediaType)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<Results<JsonOk<OrderResponse>, ProblemResult>> FulfilOrderAsync(
        string owner, string clientReference, HttpContext context, IOrderStore store, TimeProvider clock, OrdersMetrics metrics, CancellationToken ct)
    {
        owner = OwnerSegment.Of(context, owner);
        // An owner no token could name cannot own an order: the same rule as the owner policy's.
        if (owner.Length is 0 or > AuthenticationSetup.MaxOwnerLength || !TextRules.IsWellFormed(owner))
        {
            return Problems.InvalidParameter("owner", $"must be the order owner's subject, 1 to {AuthenticationSetup.MaxOwnerLength} characters");
        }
        if (!ClientReference.IsValid(clientReference))
        {
            return Problems.InvalidParameter("clientReference", ClientReference.Rule);
        }
        var (shipment, problem) = await TransitionRequestReader.ReadFulfilmentAsync(context.Request, ct);
        if (shipment is null)
        {
            return problem!;
        }
        using var span = OrdersTracing.StartTransition(OrdersTracing.FulfilSpan);
        var ifMatch = IfMatch.Of(context.Request) is { } condition ? await condition.ExpectedAsync(store, owner, clientReference, ct) : null;
        var now = StoredTime.Now(clock);
        var result = await store.FulfilAsync(
            new OrderFulfilment(owner, clientReference, shipment.Carrier, shipment.TrackingNumber, now, ifMatch, Guid.CreateVersion7(now)), ct);
        var (answer, outcome) = result switch
        {
            TransitionResult.Applied applied => (OrderTransitionsApi.Ok(applied.Order), OrdersTracing.TransitionOutcomes.Fulfilled),
            TransitionResult.NotFound => (Problems.OrderNotFound(clientReference), OrdersTracing.TransitionOutcomes.NotFound),
            // A final state is answered as such whatever If-Match said (RFC 9110 §13.2.1), as a cancel's is.
            TransitionResult.Refused { Current.Status: Order.FulfilledStatus } refused =>
                ((Results<JsonOk<OrderResponse>, ProblemResult>)Problems.AlreadyFulfilled(refused.Current,
                    refused.Current.Carrier == shipment.Carrier && refused.Current.TrackingNumber == shipment.TrackingNumber),
                    OrdersTracing.TransitionOutcomes.AlreadyFulfilled),
            TransitionResult.Refused { Current.Status: Order.CancelledStatus } refused =>
                (Problems.Cancelled(refused.Current), OrdersTracing.TransitionOutcomes.OrderCancelled),
            TransitionResult.Refused refused => (Problems.PreconditionFailed(refused.Current, alreadyApplied: null), OrdersTracing.TransitionOutcomes.PreconditionFailed),
            _ => throw new InvalidOperationException($"Unknown transition result {result.GetType().Name}."),
        };
        span?.SetTag(OrdersTracing.TransitionOutcomeAttribute, outcome);
        metrics.Transition("fulfil", outcome);
        return answer;
    }
}
