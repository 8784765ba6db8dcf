using Orders.Api.Contracts;
using Orders.Api.Model;

namespace Orders.Api.Http.Responses;

/// <summary>Every problem this API answers with, in one place so codes and titles never drift.</summary>
public static class Problems
{
    public static class Codes
    {
        public const string ValidationFailed = "VALIDATION_FAILED";
        public const string MalformedJson = "MALFORMED_JSON";
        public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
        public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
        public const string DuplicateIdempotencyKey = "DUPLICATE_IDEMPOTENCY_KEY";
        public const string OrderNotFound = "ORDER_NOT_FOUND";
        public const string StoreUnavailable = "STORE_UNAVAILABLE";
        public const string NotFound = "NOT_FOUND";
        public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
        public const string BadRequest = "BAD_REQUEST";
        public const string Unauthorized = "UNAUTHORIZED";
        public const string Forbidden = "FORBIDDEN";
        public const string RateLimited = "RATE_LIMITED";
        public const string InternalError = "INTERNAL_ERROR";
        public const string OrderAlreadyCancelled = "ORDER_ALREADY_CANCELLED";
        public const string OrderNotChangeable = "ORDER_NOT_CHANGEABLE";
        public const string OrderAlreadyFulfilled = "ORDER_ALREADY_FULFILLED";
        public const string OrderCancelled = "ORDER_CANCELLED";
        public const string OrderNotCancellable = "ORDER_NOT_CANCELLABLE";
        public const string PreconditionFailed = "PRECONDITION_FAILED";
        public const string PreconditionRequired = "PRECONDITION_REQUIRED";
    }

    // Relative type URIs (RFC 9457 allows them): stable identifiers, explained in the README.
    private static string TypeOf(string code) => "/problems/" + code.ToLowerInvariant().Replace('_', '-');

    private const string NothingStoredSendAgain = "Nothing was stored, so the same reference can be sent again once corrected.";

    /// <summary>400 of POST /orders: fields of the order break the rules.</summary>
    public static ProblemResult InvalidOrder(IReadOnlyDictionary<string, string[]> errors) => new(new OrderRequestProblem
    {
        Type = TypeOf(Codes.ValidationFailed),
        Title = "The request is not a valid order.",
        Status = StatusCodes.Status400BadRequest,
        Detail = "One or more fields are invalid; see errors. " + NothingStoredSendAgain,
        Code = Codes.ValidationFailed,
        Errors = errors,
    });

    public static ProblemResult InvalidOrder(string field, string message) =>
        InvalidOrder(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 of POST /orders: the body could not be read as JSON at all (so there is no <c>errors</c>).</summary>
    public static ProblemResult MalformedJson(string detail) => new(new OrderRequestProblem
    {
        Type = TypeOf(Codes.MalformedJson),
        Title = "The body is not valid JSON.",
        Status = StatusCodes.Status400BadRequest,
        Detail = detail + " " + NothingStoredSendAgain,
        Code = Codes.MalformedJson,
    });

    /// <summary>400 of a lookup or listing: a path or query parameter is not valid.</summary>
    public static ProblemResult InvalidParameter(string parameter, string message) => new(new ValidationApiProblem
    {
        Type = TypeOf(Codes.ValidationFailed),
        Title = "A parameter of the request is not valid.",
        Status = StatusCodes.Status400BadRequest,
        Detail = "See errors for the parameter and what is wrong with it; correct it and send the request again.",
        Code = Codes.ValidationFailed,
        Errors = new Dictionary<string, string[]> { [parameter] = [message] },
    });

    /// <summary>The same words as the framework's own 415 (<see cref="ForStatus"/>).</summary>
    public static ProblemResult UnsupportedMediaType() => new(ForStatus(StatusCodes.Status415UnsupportedMediaType, placesOrder: true));

    public static ProblemResult PayloadTooLarge(int maxBytes) =>
        Simple(StatusCodes.Status413PayloadTooLarge, Codes.PayloadTooLarge,
            "The body is too large.", $"An order body may be at most {maxBytes} bytes. Nothing was stored.");

    public static ProblemResult OrderNotFound(string clientReference) =>
        Simple(StatusCodes.Status404NotFound, Codes.OrderNotFound,
            "Order not found.", $"You have no order with client reference '{clientReference}'.");

    /// <summary>503: the database cannot be reached.</summary>
    /// <param name="retryAfterSeconds">The Retry-After to send.</param>
    /// <param name="placesOrder">The request is a POST /orders, whose retry must carry the same reference.</param>
    public static ProblemResult StoreUnavailable(int retryAfterSeconds, bool placesOrder) => new(
        Problem(StatusCodes.Status503ServiceUnavailable, Codes.StoreUnavailable, "The order store is unavailable.",
            placesOrder
                ? "The database could not be reached. Nothing was stored by this request; retry after Retry-After seconds with the same clientReference."
                : "The database could not be reached. Retry after Retry-After seconds."),
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static ProblemResult Duplicate(HttpRequest request, Order existing, bool sameRequest)
    {
        var orderUrl = OrderPaths.Of(request, existing.ClientReference);
        return new ProblemResult(
            new DuplicateOrderProblem
            {
                Type = TypeOf(Codes.DuplicateIdempotencyKey),
                Title = "An order with this client reference already exists.",
                Status = StatusCodes.Status409Conflict,
                Detail = sameRequest
                    ? "This request was already processed: the order exists. Treat it as placed and read it at orderUrl."
                    : "The client reference was already used for a different order. Use a new reference for a new order.",
                Code = Codes.DuplicateIdempotencyKey,
                ClientReference = existing.ClientReference,
                OrderId = existing.OrderId,
                OrderUrl = orderUrl,
                CreatedAt = existing.CreatedAt,
                Etag = OrderETag.Of(existing),
                SameRequest = sameRequest,
            },
            new Dictionary<string, string> { ["Location"] = orderUrl });
    }

    /// <summary>400 of a cancel or change: its body breaks the rules; nothing was changed.</summary>
    public static ProblemResult InvalidTransition(IReadOnlyDictionary<string, string[]> errors) => new(new ValidationApiProblem
    {
        Type = TypeOf(Codes.ValidationFailed),
        Title = "The request is not a valid change of the order.",
        Status = StatusCodes.Status400BadRequest,
        Detail = "One or more fields are invalid; see errors. Nothing was changed; correct the request and send it again.",
        Code = Codes.ValidationFailed,
        Errors = errors,
    });

    /// <summary>409 of a cancel: the order was cancelled already, by this request's earlier attempt or another.</summary>
    public static ProblemResult AlreadyCancelled(HttpRequest request, Order current, bool sameRequest) => new(new OrderAlreadyCancelledProblem
    {
        Type = TypeOf(Codes.OrderAlreadyCancelled),
        Title = "The order is already cancelled.",
        Status = StatusCodes.Status409Conflict,
        Detail = sameRequest
            ? "This cancel was already done: the order is cancelled with this reason. Treat it as cancelled."
            : "The order was already cancelled, with another reason. It stays cancelled; nothing was changed.",
        Code = Codes.OrderAlreadyCancelled,
        ClientReference = current.ClientReference,
        OrderId = current.OrderId,
        OrderUrl = OrderPaths.Of(request, current.ClientReference),
        OrderStatus = current.Status,
        CancelledAt = current.CancelledAt!.Value,
        CancellationReason = current.CancellationReason,
        Etag = OrderETag.Of(current),
        SameRequest = sameRequest,
    });

    /// <summary>409 of a change: the order is no longer placed.</summary>
    public static ProblemResult NotChangeable(HttpRequest request, Order current) => new(new OrderNotChangeableProblem
    {
        Type = TypeOf(Codes.OrderNotChangeable),
        Title = "The order can no longer be changed.",
        Status = StatusCodes.Status409Conflict,
        Detail = $"The order is {current.Status}: only a placed order can be changed. Nothing was changed.",
        Code = Codes.OrderNotChangeable,
        ClientReference = current.ClientReference,
        OrderId = current.OrderId,
        OrderUrl = OrderPaths.Of(request, current.ClientReference),
        OrderStatus = current.Status,
        Etag = OrderETag.Of(current),
    });

    /// <summary>409 of a customer's cancel: the order was fulfilled, it is on its way.</summary>
    public static ProblemResult NotCancellable(HttpRequest request, Order current) => new(new OrderNotCancellableProblem
    {
        Type = TypeOf(Codes.OrderNotCancellable),
        Title = "The order can no longer be cancelled.",
        Status = StatusCodes.Status409Conflict,
        Detail = $"The order is {current.Status}: it has shipped, so it can no longer be cancelled. Nothing was changed.",
        Code = Codes.OrderNotCancellable,
        ClientReference = current.ClientReference,
        OrderId = current.OrderId,
        OrderUrl = OrderPaths.Of(request, current.ClientReference),
        OrderStatus = current.Status,
        Etag = OrderETag.Of(current),
    });

    /// <summary>409 of a fulfilment: the order is fulfilled already, by this request's earlier attempt or another.</summary>
    public static ProblemResult AlreadyFulfilled(Order current, bool sameRequest) => new(new OrderAlreadyFulfilledProblem
    {
        Type = TypeOf(Codes.OrderAlreadyFulfilled),
        Title = "The order is already fulfilled.",
        Status = StatusCodes.Status409Conflict,
        Detail = sameRequest
            ? "This fulfilment was already done: the order is fulfilled with this carrier and tracking number. Treat it as fulfilled."
            : "The order was already fulfilled, with another carrier or tracking number. It stays as it is; nothing was changed.",
        Code = Codes.OrderAlreadyFulfilled,
        ClientReference = current.ClientReference,
        OrderId = current.OrderId,
        OrderStatus = current.Status,
        FulfilledAt = current.FulfilledAt!.Value,
        Carrier = current.Carrier,
        TrackingNumber = current.TrackingNumber,
        Etag = OrderETag.Of(current),
        SameRequest = sameRequest,
    });

    /// <summary>409 of a fulfilment: the customer cancelled the order; it must not ship.</summary>
    public static ProblemResult Cancelled(Order current) => new(new OrderCancelledProblem
    {
        Type = TypeOf(Codes.OrderCancelled),
        Title = "The order is cancelled.",
        Status = StatusCodes.Status409Conflict,
        Detail = "The customer cancelled the order: do not ship it. Nothing was changed.",
        Code = Codes.OrderCancelled,
        ClientReference = current.ClientReference,
        OrderId = current.OrderId,
        OrderStatus = current.Status,
        Etag = OrderETag.Of(current),
    });

    /// <summary>
    /// 412: If-Match named another version. <paramref name="alreadyApplied"/> is a change's answer to
    /// "is my change in?", null on a cancel. The current tag goes in the ETag header too, as for a 200.
    /// </summary>
    public static ProblemResult PreconditionFailed(Order current, bool? alreadyApplied)
    {
        var order = OrderResponse.From(current);
        return new ProblemResult(
            new PreconditionFailedProblem
            {
                Type = TypeOf(Codes.PreconditionFailed),
                Title = "The order is not at the version If-Match names.",
                Status = StatusCodes.Status412PreconditionFailed,
                Detail = alreadyApplied switch
                {
                    true => "The order changed since that version, and already holds exactly what this change sets: it is in. Nothing was written now.",
                    false => "The order changed since that version and does not hold this change. Nothing was written: read order, then send the change again with If-Match set to etag if it still applies.",
                    null => "The order changed since that version. Nothing was written: read order, then send the request again with If-Match set to etag if it still applies.",
                },
                Code = Codes.PreconditionFailed,
                Etag = order.Etag,
                Order = order,
                AlreadyApplied = alreadyApplied,
            },
            new Dictionary<string, string> { ["ETag"] = order.Etag });
    }

    /// <summary>428 (RFC 6585) of a change sent without If-Match.</summary>
    public static ProblemResult PreconditionRequired() =>
        Simple(StatusCodes.Status428PreconditionRequired, Codes.PreconditionRequired, "If-Match is required.",
            "A change must name the version it was made from: send If-Match with the order's etag (from its GET, its 201 or an earlier change). Nothing was changed.");

    /// <summary>401: <paramref name="detail"/> says what is wrong with the token, or that there was none.</summary>
    public static ApiProblem Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, Codes.Unauthorized, "Authentication required.", detail);

    /// <summary>For status codes the framework produces (unknown route, wrong method, bad request, crash).</summary>
    /// <param name="status">The HTTP status of the answer.</param>
    /// <param name="placesOrder">The request is a POST /orders, whose retry must carry the same reference.</param>
    public static ApiProblem ForStatus(int status, bool placesOrder) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized("Send a valid bearer token (Authorization: Bearer …)."),
        StatusCodes.Status403Forbidden => Problem(status, Codes.Forbidden, "Forbidden.",
            "The token is valid but may not do this: the order routes need an owner's token (a usable sub claim) that is not a service's, the fulfilment route a token with the fulfilment scope."),
        StatusCodes.Status429TooManyRequests => Problem(status, Codes.RateLimited, "Too many requests.", placesOrder
            ? "This owner sent more requests than its rate allows, and this one placed nothing. Wait Retry-After seconds, then send it again with the same clientReference."
            : "This owner sent more requests than its rate allows. Wait Retry-After seconds, then send the request again."),
        StatusCodes.Status404NotFound => Problem(status, Codes.NotFound, "Not found.", "No resource has this path."),
        StatusCodes.Status405MethodNotAllowed => Problem(status, Codes.MethodNotAllowed, "Method not allowed.", "This path does not accept this HTTP method."),
        StatusCodes.Status413PayloadTooLarge => Problem(status, Codes.PayloadTooLarge, "The body is too large.", "The request body exceeds the limit."),
        StatusCodes.Status415UnsupportedMediaType => Problem(status, Codes.UnsupportedMediaType, "Unsupported media type.",
            "Send the body as JSON, with the header Content-Type: application/json."),
        >= 500 => Problem(status, Codes.InternalError, "Internal error.", placesOrder
            ? "The server failed to process the request, so whether the order was placed is not known. Send it again with the same clientReference: the retry gets 201 or 409, never a second order."
            : "The server failed to process the request. Sending it again is safe."),
        _ => Problem(status, Codes.BadRequest, "Bad request.", "The request could not be processed."),
    };

    private static ProblemResult Simple(int status, string code, string title, string detail) =>
        new(Problem(status, code, title, detail));

    private static ApiProblem Problem(int status, string code, string title, string detail) => new()
    {
        Type = TypeOf(code),
        Title = title,
        Status = status,
        Detail = detail,
        Code = code,
    };
}
