using System.Reflection;
using Microsoft.OpenApi;
using Orders.Api.Contracts;
using Orders.Api.Http.Responses;
using Orders.Api.Rules;

namespace Orders.Api.OpenApi;

/// <summary>
/// What every answer really holds: the serializer writes every property (JsonIgnoreCondition.Never), so
/// all are required, and null appears only where the rules below say so. A field the client sent
/// keeps the limits of its request field (<see cref="OrderRequestFields"/>). Problem codes are enums,
/// so a client can switch on them exhaustively.
/// </summary>
internal sealed class ResponseSchemaRules() : SchemaRuleTable(Rules)
{
    private static readonly string[] ProblemCodesWithoutExtraFields = [.. typeof(Problems.Codes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (string)field.GetRawConstantValue()!)
        .Except([
            Problems.Codes.ValidationFailed, Problems.Codes.DuplicateIdempotencyKey,
            Problems.Codes.OrderAlreadyCancelled, Problems.Codes.OrderNotChangeable, Problems.Codes.PreconditionFailed,
            Problems.Codes.OrderNotCancellable, Problems.Codes.OrderAlreadyFulfilled, Problems.Codes.OrderCancelled,
        ])];

    private static RequestField Reason => OrderTransitionFields.Reason;

    private static readonly Dictionary<Type, Action<OpenApiSchema>> Rules = new()
    {
        [typeof(OrderResponse)] = schema => schema.RequireAll()
            .NullableOnly("cancelledAt", "cancellationReason", "fulfilledAt", "carrier", "trackingNumber")
            .OneOf("status", Model.Order.PlacedStatus, Model.Order.CancelledStatus, Model.Order.FulfilledStatus)
            .LimitsOf(OrderRequestFields.Order)
            .Text("cancellationReason", (int)Reason.Min, (int)Reason.Max)
            .Text("carrier", (int)OrderTransitionFields.Carrier.Min, (int)OrderTransitionFields.Carrier.Max)
            .Text("trackingNumber", (int)OrderTransitionFields.TrackingNumber.Min, (int)OrderTransitionFields.TrackingNumber.Max)
            .Minimum("total", 0)
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
        // Null where the record's C# type says so (SupportNonNullableReferenceTypes): a field the client may leave out.
        [typeof(Customer)] = schema => schema.RequireAll().LimitsOf(OrderRequestFields.Customer),
        // Only ever OrderResponse.shippingAddress, null for an order placed without one.
        [typeof(ShippingAddress)] = schema => schema.AllowsNull().RequireAll().LimitsOf(OrderRequestFields.ShippingAddress),
        [typeof(OrderLine)] = schema => schema.RequireAll().NullableOnly()
            .LimitsOf(OrderRequestFields.Lines.Items!)
            .Range("lineNumber", 1, OrderRequestFields.Lines.Max)
            .Minimum("lineTotal", 0),
        [typeof(OrderListResponse)] = schema => schema.RequireAll().NullableOnly("next"),
        [typeof(ApiProblem)] = schema => Problem(schema, ProblemCodesWithoutExtraFields),
        [typeof(ValidationApiProblem)] = schema => Problem(schema, Problems.Codes.ValidationFailed),
        // One object schema, not a oneOf: generators such as Kiota cannot map a oneOf error body.
        [typeof(OrderRequestProblem)] = schema => Problem(schema,
                Problems.Codes.ValidationFailed, Problems.Codes.MalformedJson, Problems.Codes.BadRequest)
            .Optional("errors"),
        [typeof(DuplicateOrderProblem)] = schema => Problem(schema, Problems.Codes.DuplicateIdempotencyKey)
            .Format("orderUrl", "uri-reference")
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
        // A cancel's one 409 (one object: see above): ORDER_ALREADY_CANCELLED with what the cancel stored, or
        // ORDER_NOT_CANCELLABLE (Contracts/OrderNotCancellableProblem), whose members are the rest.
        [typeof(OrderAlreadyCancelledProblem)] = schema => Problem(schema, Problems.Codes.OrderAlreadyCancelled, Problems.Codes.OrderNotCancellable)
            .Optional("cancelledAt").Optional("cancellationReason").Optional("sameRequest")
            .OneOf("orderStatus", Model.Order.CancelledStatus, Model.Order.FulfilledStatus)
            .Nullable("cancellationReason", true)
            .Format("orderUrl", "uri-reference")
            .Text("cancellationReason", (int)Reason.Min, (int)Reason.Max)
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
        // A fulfilment's one 409: ORDER_ALREADY_FULFILLED with what the fulfilment stored, or ORDER_CANCELLED
        // (Contracts/OrderCancelledProblem), whose members are the rest.
        [typeof(OrderAlreadyFulfilledProblem)] = schema => Problem(schema, Problems.Codes.OrderAlreadyFulfilled, Problems.Codes.OrderCancelled)
            .Optional("fulfilledAt").Optional("carrier").Optional("trackingNumber").Optional("sameRequest")
            .OneOf("orderStatus", Model.Order.FulfilledStatus, Model.Order.CancelledStatus)
            .Nullable("carrier", true).Nullable("trackingNumber", true)
            .Text("carrier", (int)OrderTransitionFields.Carrier.Min, (int)OrderTransitionFields.Carrier.Max)
            .Text("trackingNumber", (int)OrderTransitionFields.TrackingNumber.Min, (int)OrderTransitionFields.TrackingNumber.Max)
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
        [typeof(OrderNotChangeableProblem)] = schema => Problem(schema, Problems.Codes.OrderNotChangeable)
            .Format("orderUrl", "uri-reference")
            .OneOf("orderStatus", Model.Order.CancelledStatus, Model.Order.FulfilledStatus)
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
        // alreadyApplied is sent on a change's 412 only: optional, never null.
        [typeof(PreconditionFailedProblem)] = schema => Problem(schema, Problems.Codes.PreconditionFailed)
            .Optional("alreadyApplied")
            .Text("etag", ResponseCatalog.ETagMinLength, ResponseCatalog.ETagMaxLength, ResponseCatalog.ETagPattern),
    };

    // traceId is declared nullable in C# only because ProblemResult fills it in while writing.
    private static OpenApiSchema Problem(OpenApiSchema schema, params string[] codes) => schema.RequireAll()
        .NullableOnly()
        .OneOf("code", codes)
        .Format("type", "uri-reference")
        .Range("status", 400, 599);
}
