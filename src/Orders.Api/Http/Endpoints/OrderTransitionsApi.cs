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
/// What can happen to a placed order: cancel and change. Each is one conditional write in the store; a
/// repeat gets a 409 naming the state already reached, a stale If-Match a 412 with the current order,
/// both built from the stored order (docs/design.md, "Transitions").
/// </summary>
public static class OrderTransitionsApi
{
    internal static RouteGroupBuilder MapOrderTransitions(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{clientReference}/cancellation", CancelOrderAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel a placed order, exactly once.")
            .WithDescription(ApiTexts.CancelOrder)
            .Accepts<CancelOrderRequest>(isOptional: true, "application/json")
            .AcceptsIfMatchHeader(required: false)
            .ProducesProblem<ValidationApiProblem>(StatusCodes.Status400BadRequest)
            .ProducesProblem<ApiProblem>(StatusCodes.Status404NotFound)
            .ProducesProblem<OrderAlreadyCancelledProblem>(StatusCodes.Status409Conflict)
            .ProducesProblem<PreconditionFailedProblem>(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem<ApiProblem>(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem<ApiProblem>(StatusCodes.Status415UnsupportedMediaType)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        orders.MapPatch("/{clientReference}", ChangeOrderAsync)
            .WithName("ChangeOrder")
            .WithSummary("Change a placed order's customer name, phone or shipping address.")
            .WithDescription(ApiTexts.ChangeOrder)
            .Accepts<ChangeOrderRequest>(MergePatch.MediaType, "application/json")
            .AcceptsIfMatchHeader(required: true)
            .ProducesProblem<ValidationApiProblem>(StatusCodes.Status400BadRequest)
            .ProducesProblem<ApiProblem>(StatusCodes.Status404NotFound)
            .ProducesProblem<OrderNotChangeableProblem>(StatusCodes.Status409Conflict)
            .ProducesProblem<PreconditionFailedProblem>(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem<ApiProblem>(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem<ApiProblem>(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem<ApiProblem>(StatusCodes.Status428PreconditionRequired)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        return orders;
    }

    internal static async Task<Results<JsonOk<OrderResponse>, ProblemResult>> CancelOrderAsync(
        string clientReference, HttpContext context, IOrderStore store, TimeProvider clock, OrdersMetrics metrics, CancellationToken ct)
    {
        if (!ClientReference.IsValid(clientReference))
        {
            return Problems.InvalidParameter("clientReference", ClientReference.Rule);
        }
        var (reason, problem) = await TransitionRequestReader.ReadCancellationAsync(context.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var owner = OrderOwner.Of(context);
        using var span = OrdersTracing.StartTransition(OrdersTracing.CancelSpan);
        var ifMatch = IfMatch.Of(context.Request) is { } condition ? await condition.ExpectedAsync(store, owner, clientReference, ct) : null;
        var now = StoredTime.Now(clock);
        var result = await store.CancelAsync(
            new OrderCancellation(owner, clientReference, reason, now, ifMatch, Guid.CreateVersion7(now)), ct);
        var (answer, outcome) = result switch
        {
            TransitionResult.Applied applied => (Ok(applied.Order), OrdersTracing.TransitionOutcomes.Cancelled),
            TransitionResult.NotFound => (Problems.OrderNotFound(clientReference), OrdersTracing.TransitionOutcomes.NotFound),
            // A repeat of a done transition names the state reached, whatever its If-Match said: its answer
            // without the condition would not be a 2xx, so the condition is not evaluated (RFC 9110 §13.2.1).
            TransitionResult.Refused { Current.Status: Order.CancelledStatus } refused =>
                ((Results<JsonOk<OrderResponse>, ProblemResult>)Problems.AlreadyCancelled(context.Request, refused.Current, refused.Current.CancellationReason == reason),
                    OrdersTracing.TransitionOutcomes.AlreadyCancelled),
            // Shipped: the customer learns why nothing happened, whatever If-Match said, for the same reason.
            TransitionResult.Refused { Current.Status: Order.FulfilledStatus } refused =>
                (Problems.NotCancellable(context.Request, refused.Current), OrdersTracing.TransitionOutcomes.NotCancellable),
            TransitionResult.Refused refused => (Problems.PreconditionFailed(refused.Current, alreadyApplied: null), OrdersTracing.TransitionOutcomes.PreconditionFailed),
            _ => throw new InvalidOperationException($"Unknown transition result {result.GetType().Name}."),
        };
        span?.SetTag(OrdersTracing.TransitionOutcomeAttribute, outcome);
        metrics.Transition("cancel", outcome);
        return answer;
    }

    internal static async Task<Results<JsonOk<OrderResponse>, ProblemResult>> ChangeOrderAsync(
        string clientReference, HttpContext context, IOrderStore store, TimeProvider clock, OrdersMetrics metrics, CancellationToken ct)
    {
        if (!ClientReference.IsValid(clientReference))
        {
            return Problems.InvalidParameter("clientReference", ClientReference.Rule);
        }
        // Checked before the body: without it nothing would be written, whatever the body holds.
        if (IfMatch.Of(context.Request) is not { } condition)
        {
            return Problems.PreconditionRequired();
        }
        var (patch, problem) = await TransitionRequestReader.ReadChangeAsync(context.Request, ct);
        if (patch is null)
        {
            return problem!;
        }
        var owner = OrderOwner.Of(context);
        using var span = OrdersTracing.StartTransition(OrdersTracing.ChangeSpan);
        var ifMatch = await condition.ExpectedAsync(store, owner, clientReference, ct);
        var now = StoredTime.Now(clock);
        var result = await store.ChangeAsync(new OrderChange(owner, clientReference, patch, now, ifMatch, Guid.CreateVersion7(now)), ct);
        var (answer, outcome) = result switch
        {
            TransitionResult.Applied applied => (Ok(applied.Order), OrdersTracing.TransitionOutcomes.Changed),
            TransitionResult.NotFound => (Problems.OrderNotFound(clientReference), OrdersTracing.TransitionOutcomes.NotFound),
            TransitionResult.Refused { Current.Status: not Order.PlacedStatus } refused =>
                ((Results<JsonOk<OrderResponse>, ProblemResult>)Problems.NotChangeable(context.Request, refused.Current), OrdersTracing.TransitionOutcomes.NotChangeable),
            TransitionResult.Refused refused when !Matches(ifMatch, refused.Current) =>
                Stale(refused.Current, patch),
            // Placed and at the version named, yet refused: the patch only completes an address the order lacks.
            TransitionResult.Refused => (Problems.InvalidTransition(OrderChangeReader.NoAddressToMerge()), OrdersTracing.TransitionOutcomes.Invalid),
            _ => throw new InvalidOperationException($"Unknown transition result {result.GetType().Name}."),
        };
        span?.SetTag(OrdersTracing.TransitionOutcomeAttribute, outcome);
        metrics.Transition("change", outcome);
        return answer;
    }

    private static (Results<JsonOk<OrderResponse>, ProblemResult>, string) Stale(Order current, OrderPatch patch)
    {
        var alreadyApplied = patch.IsAppliedIn(current);
        return (Problems.PreconditionFailed(current, alreadyApplied),
            alreadyApplied ? OrdersTracing.TransitionOutcomes.StaleApplied : OrdersTracing.TransitionOutcomes.PreconditionFailed);
    }

    private static bool Matches(OrderVersion? expected, Order current) =>
        expected is null || (expected.OrderId == current.OrderId && expected.Version == current.Version);

    internal static Results<JsonOk<OrderResponse>, ProblemResult> Ok(Order order)
    {
        var response = OrderResponse.From(order);
        return new JsonOk<OrderResponse>(response, response.Etag);
    }
}

/// <summary>The media type of a JSON merge patch (RFC 7396).</summary>
internal static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";
}
