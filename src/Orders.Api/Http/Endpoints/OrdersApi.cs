using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orders.Api.Contracts;
using Orders.Api.Http.Requests;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Observability;
using Orders.Api.Rules;
using Orders.Api.Security;
using Orders.Api.Storage;

namespace Orders.Api.Http.Endpoints;

/// <summary>The /orders endpoints.</summary>
public static class OrdersApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(OrderPaths.Root).WithTags(ApiTexts.TagName);

        orders.MapPost("/", CreateOrderAsync)
            .WithName("CreateOrder")
            .WithSummary("Place an order, exactly once per clientReference.")
            .WithDescription(ApiTexts.CreateOrder)
            .Accepts<CreateOrderRequest>("application/json")
            .AcceptsIdempotencyKeyHeader()
            .ProducesProblem<OrderRequestProblem>(StatusCodes.Status400BadRequest)
            .ProducesProblem<DuplicateOrderProblem>(StatusCodes.Status409Conflict)
            .ProducesProblem<ApiProblem>(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem<ApiProblem>(StatusCodes.Status415UnsupportedMediaType)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        orders.MapGet("/{clientReference}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("Look up an order by its clientReference.")
            .WithDescription(ApiTexts.GetOrder)
            .AcceptsIfNoneMatchHeader()
            .ProducesProblem<ValidationApiProblem>(StatusCodes.Status400BadRequest)
            .ProducesProblem<ApiProblem>(StatusCodes.Status404NotFound)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        orders.MapGet("/", ListOrdersAsync)
            .WithName("ListOrders")
            .WithSummary("List the caller's orders, newest first.")
            .WithDescription(ApiTexts.ListOrders)
            .ProducesProblem<ValidationApiProblem>(StatusCodes.Status400BadRequest)
            .ProducesCallerProblems()
            .ProducesProblem<ApiProblem>(StatusCodes.Status500InternalServerError)
            .ProducesProblem<ApiProblem>(StatusCodes.Status503ServiceUnavailable);
        orders.MapOrderTransitions();

        return app;
    }

    internal static async Task<Results<JsonCreated<OrderResponse>, ProblemResult>> CreateOrderAsync(
        HttpContext context, IOrderStore store, OrderFactory factory, IOptions<JsonOptions> json, CancellationToken ct)
    {
        OrderDraft? draft;
        using (var validation = OrdersTracing.StartValidation())
        {
            (draft, var problem) = await OrderRequestReader.ReadAsync(context.Request, json.Value.SerializerOptions, ct);
            validation?.SetTag(OrdersTracing.ValidationAttribute,
                draft is not null ? "valid" : problem!.Value.Code == Problems.Codes.ValidationFailed ? "invalid" : "unreadable");
            if (draft is null)
            {
                return problem!;
            }
        }

        // The store's statements (and the event row's trace context) are children of this span.
        using var span = OrdersTracing.StartCreate();
        var result = await store.CreateAsync(factory.Create(OrderOwner.Of(context), draft), ct);
        switch (result)
        {
            case CreateOrderResult.Created created:
                span?.SetTag(OrdersTracing.OutcomeAttribute, OrdersTracing.Outcomes.Created);
                var placed = OrderResponse.From(created.Order);
                // The header is the body's etag: made once, so the two cannot differ.
                return new JsonCreated<OrderResponse>(OrderPaths.Of(context.Request, placed.ClientReference), placed, placed.Etag);
            case CreateOrderResult.Duplicate duplicate:
                var sameRequest = draft.DescribesSameOrderAs(duplicate.Existing);
                span?.SetTag(OrdersTracing.OutcomeAttribute, OrdersTracing.Outcomes.OfDuplicate(sameRequest));
                return Problems.Duplicate(context.Request, duplicate.Existing, sameRequest);
            default:
                throw new InvalidOperationException($"Unknown create result {result.GetType().Name}.");
        }
    }

    internal static async Task<Results<JsonOk<OrderResponse>, NotModifiedResult, ProblemResult>> GetOrderAsync(
        string clientReference, HttpContext context, IOrderStore store, CancellationToken ct)
    {
        if (!ClientReference.IsValid(clientReference))
        {
            return Problems.InvalidParameter("clientReference", ClientReference.Rule);
        }
        var owner = OrderOwner.Of(context);
        if (IfNoneMatch.Of(context.Request) is { } condition)
        {
            // A polling storefront's usual answer costs one row read by the unique key: no lines, no JSON.
            // When the tag is stale the order is read as for a plain GET, a second round trip.
            var current = await store.FindVersionAsync(owner, clientReference, ct);
            if (current is null)
            {
                return Problems.OrderNotFound(clientReference);
            }
            var eTag = OrderETag.Of(current.OrderId, current.Version);
            if (condition.Matches(eTag))
            {
                return new NotModifiedResult(eTag);
            }
        }
        var order = await store.FindAsync(owner, clientReference, ct);
        if (order is null)
        {
            return Problems.OrderNotFound(clientReference);
        }
        var found = OrderResponse.From(order);
        return new JsonOk<OrderResponse>(found, found.Etag);
    }

    internal static async Task<Results<JsonOk<OrderListResponse>, ProblemResult>> ListOrdersAsync(
        string? limit, string? after, HttpContext context, IOrderStore store, CancellationToken ct)
    {
        var pageSize = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, null, out pageSize)
                                  || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.InvalidParameter("limit", $"must be a whole number from 1 to {MaxPageSize}");
        }
        OrderPosition? position = null;
        if (after is not null && !OrderListCursor.TryDecode(after, out position))
        {
            return Problems.InvalidParameter("after", "must be a 'next' value from an earlier page, unchanged");
        }

        // One more than asked tells whether another page exists without a count query.
        var orders = await store.ListAsync(OrderOwner.Of(context), position, pageSize + 1, ct);
        var page = orders.Take(pageSize).Select(OrderResponse.From).ToList();
        var next = orders.Count > pageSize ? OrderListCursor.Encode(orders[pageSize - 1]) : null;
        // Each item carries its etag as a field; the page itself has no ETag of its own.
        return new JsonOk<OrderListResponse>(new OrderListResponse(page, next), null);
    }
}
