using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Orders.Api.OpenApi;

/// <summary>A named example of a response body.</summary>
internal sealed record ResponseExample(string Name, string Summary, JsonNode Value);

/// <summary>What one response of one operation means, the headers it carries and what it looks like.</summary>
internal sealed record ResponseDoc(string Description, IReadOnlyList<string> Headers, IReadOnlyList<ResponseExample> Examples);

/// <summary>
/// Every response the API documents, by operation and status. A documented response missing here fails
/// document generation (and so the openapi.yaml test), so none goes out with a framework placeholder text.
/// </summary>
internal static class ResponseCatalog
{
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ETag = "ETag";

    private const string CreateOrder = "CreateOrder";
    private const string CancelOrder = "CancelOrder";
    private const string ChangeOrder = "ChangeOrder";
    private const string FulfilOrder = "FulfilOrder";

    public static ResponseDoc Find(string operationId, int status, OrderExamples examples) => (operationId, status) switch
    {
        (CreateOrder, 201) => Doc("Placed by this request. The body is the order; `Location` is its URL, `ETag` its entity tag.",
            [Location, ETag], Example("placed", "The order", examples.PlacedOrder)),
        (CreateOrder, 400) => Doc(
            "Nothing was stored. `VALIDATION_FAILED`: fields break the rules, and `errors` names each by its JSON path. " +
            "`MALFORMED_JSON`: the body is not JSON, is truncated, nests too deep or repeats a property (no `errors`). " +
            "Fix the request and send it again with the same `clientReference`.",
            [],
            Example("invalid-order", "VALIDATION_FAILED: two fields break the rules", examples.InvalidOrder),
            Example("malformed-json", "MALFORMED_JSON: the body could not be read", examples.MalformedJson)),
        (CreateOrder, 409) => Doc(
            "An order with this `clientReference` exists (committed) and this request placed nothing. `orderUrl` and " +
            "`Location` point at it. `sameRequest: true`: this request describes that order, so it is a retry of one " +
            "that succeeded (perhaps one whose answer was lost): treat the order as placed. `sameRequest: false`: the " +
            "reference was reused for a different order: a bug in the caller; do not retry. `etag` is that order's " +
            "entity tag (in the body: an `ETag` header on a 409 would describe the problem, not the order).",
            [Location],
            Example("retry", "A retry of the request that placed the order", examples.Duplicate(sameRequest: true)),
            Example("reused", "The reference reused for a different order", examples.Duplicate(sameRequest: false))),
        (CreateOrder, 413) => Doc("The body is larger than 64 KiB (`PAYLOAD_TOO_LARGE`). Nothing was stored.",
            [], Example("too-large", "PAYLOAD_TOO_LARGE", examples.PayloadTooLarge)),
        (CreateOrder, 415) => Doc("The body is not `application/json` (`UNSUPPORTED_MEDIA_TYPE`). Nothing was stored.",
            [], Example("not-json", "UNSUPPORTED_MEDIA_TYPE", examples.UnsupportedMediaType)),
        ("GetOrder", 200) => Doc("The order as it stands; `ETag` is its entity tag (the same as its `etag` field).",
            [ETag], Example("order", "The order", examples.PlacedOrder)),
        ("GetOrder", 304) => Doc(
            "`If-None-Match` named the order's current entity tag (or was `*`): your copy is current. No body; " +
            "`ETag` repeats the tag.",
            [ETag]),
        ("GetOrder", 400) => Doc("The `clientReference` in the path is not a valid reference (`VALIDATION_FAILED`).",
            [], Example("bad-reference", "VALIDATION_FAILED", examples.InvalidParameter("clientReference", Rules.ClientReference.Rule))),
        ("GetOrder", 404) => Doc("No order of yours has this `clientReference` (`ORDER_NOT_FOUND`).",
            [], Example("not-found", "ORDER_NOT_FOUND", examples.OrderNotFound)),
        ("ListOrders", 200) => Doc("A page of orders, newest first.", [], Example("page", "A page with a next page after it", examples.Page)),
        ("ListOrders", 400) => Doc("`limit` or `after` is not valid (`VALIDATION_FAILED`); `errors` names which.",
            [], Example("bad-limit", "VALIDATION_FAILED", examples.InvalidParameter("limit", $"must be a whole number from 1 to {Http.Endpoints.OrdersApi.MaxPageSize}"))),
        (CancelOrder, 200) => Doc("Cancelled by this request. The body is the cancelled order; `ETag` is its new entity tag.",
            [ETag], Example("cancelled", "The cancelled order", examples.CancelledOrder)),
        (CancelOrder, 400) => Doc("The reference or the body breaks the rules (`VALIDATION_FAILED`, or `MALFORMED_JSON`). Nothing was changed.",
            [], Example("invalid-reason", "VALIDATION_FAILED: a blank reason", examples.InvalidCancellation)),
        (CancelOrder, 409) => Doc(
            "Nothing was changed. `ORDER_ALREADY_CANCELLED`: the order was cancelled before this request: it is " +
            "cancelled, as asked. A retry whose 200 was lost gets this. `sameRequest` says whether the stored reason is this " +
            "request's; `etag` is the order's current tag. `ORDER_NOT_CANCELLABLE`: the order was fulfilled (shipped), so it " +
            "can no longer be cancelled; `orderStatus` says so.",
            [], Example("retry", "A retry of the cancel that succeeded", examples.AlreadyCancelled(sameRequest: true)),
            Example("other-reason", "Cancelled before, with another reason", examples.AlreadyCancelled(sameRequest: false)),
            Example("shipped", "ORDER_NOT_CANCELLABLE: the order was fulfilled", examples.NotCancellable)),
        (CancelOrder, 412) => Doc(
            "`If-Match` names another version of the order (`PRECONDITION_FAILED`); nothing was written. `order` is the order " +
            "as it stands and `etag` (also in `ETag`) its tag: decide from them and send again with `If-Match: <etag>`.",
            [ETag], Example("stale", "The order changed since the tag sent", examples.PreconditionFailed(alreadyApplied: null))),
        (ChangeOrder, 200) => Doc("Changed by this request. The body is the order; `ETag` is its new entity tag.",
            [ETag], Example("changed", "The order with its new city", examples.ChangedOrder)),
        (ChangeOrder, 400) => Doc(
            "The patch breaks the rules (`VALIDATION_FAILED`: every error at once, under the same rules as a create; `MALFORMED_JSON`), " +
            "changes nothing, names what cannot change (the email, currency, lines), or sets part of an address on an order that has " +
            "none. Nothing was changed.",
            [], Example("invalid-change", "VALIDATION_FAILED", examples.InvalidChange)),
        (ChangeOrder, 409) => Doc("The order is not placed any more (`ORDER_NOT_CHANGEABLE`; `orderStatus` says what it is). Nothing was changed.",
            [], Example("cancelled", "The order was cancelled", examples.NotChangeable)),
        (ChangeOrder, 412) => Doc(
            "The order is not at the version `If-Match` names (`PRECONDITION_FAILED`); nothing was written. `alreadyApplied: true`: " +
            "the order already holds exactly what this patch sets, so a retry whose 200 was lost learns that its change is in. " +
            "`false`: someone else changed the order; read `order`, and send the change again with `If-Match: <etag>` if it still applies.",
            [ETag], Example("already-applied", "The change is in (a retry of a change that succeeded)", examples.PreconditionFailed(alreadyApplied: true)),
            Example("changed-by-another", "Another change came first", examples.PreconditionFailed(alreadyApplied: false))),
        (ChangeOrder, 428) => Doc("No `If-Match` (`PRECONDITION_REQUIRED`): a change must name the version it was made from. Nothing was changed.",
            [], Example("no-if-match", "PRECONDITION_REQUIRED", examples.PreconditionRequired)),
        (FulfilOrder, 200) => Doc("Fulfilled by this request. The body is the fulfilled order; `ETag` is its new entity tag.",
            [ETag], Example("fulfilled", "The fulfilled order", examples.FulfilledOrder)),
        (FulfilOrder, 400) => Doc("The owner, the reference or the body breaks the rules (`VALIDATION_FAILED`, or `MALFORMED_JSON`). Nothing was changed.",
            [], Example("invalid-fulfilment", "VALIDATION_FAILED: a blank carrier", examples.InvalidFulfilment)),
        (FulfilOrder, 409) => Doc(
            "Nothing was changed. `ORDER_ALREADY_FULFILLED`: the order was fulfilled before this request, as asked; a retry whose " +
            "200 was lost gets this, so treat it as done. `sameRequest` says whether the stored carrier and tracking number are this " +
            "request's. `ORDER_CANCELLED`: the customer cancelled the order: do not ship it.",
            [], Example("retry", "A retry of the fulfilment that succeeded", examples.AlreadyFulfilled(sameRequest: true)),
            Example("other-tracking", "Fulfilled before, with another tracking number", examples.AlreadyFulfilled(sameRequest: false)),
            Example("cancelled", "ORDER_CANCELLED: the customer cancelled it", examples.OrderCancelled)),
        (FulfilOrder, 412) => Doc(
            "`If-Match` names another version of the order, which is still placed (`PRECONDITION_FAILED`); nothing was written. " +
            "`order` is the order as it stands and `etag` (also in `ETag`) its tag.",
            [ETag], Example("stale", "The order changed since the tag sent", examples.PreconditionFailed(alreadyApplied: null))),
        (FulfilOrder, 404) => Doc("The owner has no order with this `clientReference` (`ORDER_NOT_FOUND`).",
            [], Example("not-found", "ORDER_NOT_FOUND", examples.OrderNotFound)),
        (CancelOrder or ChangeOrder, 404) => Doc("No order of yours has this `clientReference` (`ORDER_NOT_FOUND`).",
            [], Example("not-found", "ORDER_NOT_FOUND", examples.OrderNotFound)),
        (CancelOrder or ChangeOrder or FulfilOrder, 413) => Doc("The body is larger than 64 KiB (`PAYLOAD_TOO_LARGE`). Nothing was changed.",
            [], Example("too-large", "PAYLOAD_TOO_LARGE", examples.PayloadTooLarge)),
        (CancelOrder or ChangeOrder or FulfilOrder, 415) => Doc("The body is not JSON (`UNSUPPORTED_MEDIA_TYPE`). Nothing was changed.",
            [], Example("not-json", "UNSUPPORTED_MEDIA_TYPE", examples.UnsupportedMediaType)),
        (_, 401) => Doc(
            "No bearer token, or one that is malformed, expired, wrongly signed, from another issuer or for another " +
            "audience (`UNAUTHORIZED`). `detail` says which (and, for a refused token, `WWW-Authenticate`'s " +
            "`error_description`)." + NothingStored(operationId),
            [WwwAuthenticate], Example("unauthorized", "UNAUTHORIZED", examples.Unauthorized)),
        (_, 403) => Doc(
            (operationId == FulfilOrder
                ? "The token is valid but lacks the fulfilment scope (`FORBIDDEN`): a customer's token cannot fulfil."
                : "The token is valid but its `sub` (the owner) is missing or unusable, or it is a service's token, which may only fulfil (`FORBIDDEN`).")
            + NothingStored(operationId),
            [], Example("forbidden", "FORBIDDEN", examples.Forbidden)),
        (_, 429) => Doc(
            "This owner sent more requests than its rate allows (`RATE_LIMITED`)." + NothingStored(operationId) +
            " Retry after `Retry-After` seconds" + SameReference(operationId) + ".",
            [RetryAfter], Example("rate-limited", "RATE_LIMITED", examples.RateLimited(operationId == CreateOrder))),
        (CreateOrder, 500) => Doc(
            "An unexpected error (`INTERNAL_ERROR`). Whether the order was placed is not known: retry with the same " +
            "`clientReference`; the retry gets 201 or 409, never a second order.",
            [], Example("internal-error", "INTERNAL_ERROR", examples.InternalError(placesOrder: true))),
        (_, 500) => Doc("An unexpected error (`INTERNAL_ERROR`). Sending the request again is safe.",
            [], Example("internal-error", "INTERNAL_ERROR", examples.InternalError(placesOrder: false))),
        (_, 503) => Doc(
            "The database cannot be reached (`STORE_UNAVAILABLE`)." + NothingStored(operationId) +
            " Retry after `Retry-After` seconds" + SameReference(operationId) + ".",
            [RetryAfter], Example("store-unavailable", "STORE_UNAVAILABLE", examples.StoreUnavailable(operationId == CreateOrder))),
        _ => throw new InvalidOperationException($"No documentation for {operationId} {status}: add it to {nameof(ResponseCatalog)}."),
    };

    public static OpenApiHeader Header(string name) => name switch
    {
        Location => new OpenApiHeader
        {
            Description = "The order's URL, /orders/{clientReference}, relative to the API's base.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            Example = $"/orders/{OrderExamples.Reference}",
        },
        RetryAfter => new OpenApiHeader
        {
            Description = "Seconds to wait before retrying.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
            Example = 2,
        },
        WwwAuthenticate => new OpenApiHeader
        {
            Description = "The authentication scheme (Bearer) and, for a refused token, why (RFC 6750 error and error_description).",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = $"Bearer error=\"invalid_token\", error_description=\"{Security.TokenRefusal.Expired}\"",
        },
        ETag => new OpenApiHeader
        {
            Description = "The order's entity tag (strong, quoted, opaque): send it back in `If-None-Match` to be answered 304 while the order is unchanged, or in `If-Match` to cancel or change exactly this version.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = ETagMinLength, MaxLength = ETagMaxLength, Pattern = ETagPattern },
            Example = OrderExamples.ETag,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown response header."),
    };

    /// <summary>
    /// A strong entity tag (RFC 9110 §8.8.3): quoted, no W/ prefix, printable ASCII. Opaque beyond that on
    /// purpose, with room to spare (the tag is 35 to 54 characters today), so its make-up can change.
    /// </summary>
    public const string ETagPattern = "^\"[\\x21\\x23-\\x7E]+\"$";

    public const int ETagMinLength = 3;

    public const int ETagMaxLength = 128;

    // Only a POST stores anything, so only its answers say whether it did and how to retry it.
    private static string NothingStored(string operationId) => operationId == CreateOrder ? " Nothing was stored." : "";

    private static string SameReference(string operationId) =>
        operationId == CreateOrder ? " with the same `clientReference`" : "";

    private static ResponseDoc Doc(string description, IReadOnlyList<string> headers, params ResponseExample[] examples) =>
        new(description, headers, examples);

    private static ResponseExample Example(string name, string summary, JsonNode value) => new(name, summary, value);
}
