using System.Text.Json;
using System.Text.Json.Nodes;
using Orders.Api.Contracts;
using Orders.Api.Http.Endpoints;
using Orders.Api.Http.Requests;
using Orders.Api.Http.Responses;
using Orders.Api.Rules;

namespace Orders.Api.OpenApi;

/// <summary>
/// The document's examples, made by the code that makes real answers (the contract records, the
/// validator, <see cref="Problems"/>) and written by the app's own serializer settings, so an example
/// cannot show a field, title or message the API does not send.
/// </summary>
internal sealed class OrderExamples(JsonSerializerOptions json)
{
    public const string Reference = "3f0c2b9e-5c1a-4f0e-9a43-2f9d0c7b1e55";

    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    // The domain's order, mapped as the API maps it: the examples pass through the same mapping as answers.
    private static readonly Model.Order Placed = new(
        Guid.Parse("019ab1c2-7d3e-7a10-8b5c-3e2f1a0b9c8d"), "owner-ada", Reference, Model.Order.PlacedStatus, "EUR",
        new Model.Customer("ada@example.com", "Ada Lovelace", null),
        new Model.ShippingAddress("Unter den Linden 1", null, "Berlin", "10117", "DE"),
        [new Model.OrderLine(1, "SKU-1", 2, 1999, 3998), new Model.OrderLine(2, "SKU-2", 1, 500, 500)],
        4498,
        new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560),
        Model.Order.FirstVersion,
        CancelledAt: null,
        CancellationReason: null,
        FulfilledAt: null,
        Carrier: null,
        TrackingNumber: null);

    // The example order after a cancel, and after a change of its city: what the transitions answer with.
    private static readonly Model.Order Cancelled = Placed with
    {
        Status = Model.Order.CancelledStatus,
        Version = Model.Order.FirstVersion + 1,
        CancelledAt = Placed.CreatedAt.AddMinutes(5),
        CancellationReason = "Ordered the wrong size",
    };

    private static readonly Model.Order Fulfilled = Placed with
    {
        Status = Model.Order.FulfilledStatus,
        Version = Model.Order.FirstVersion + 1,
        FulfilledAt = Placed.CreatedAt.AddHours(20),
        Carrier = "DHL",
        TrackingNumber = "JD014600006281",
    };

    private static readonly Model.Order Changed = Placed with
    {
        Version = Model.Order.FirstVersion + 1,
        ShippingAddress = Placed.ShippingAddress! with { City = "Potsdam", PostalCode = "14467" },
    };

    private static readonly Model.OrderPatch NewCity = new(
        default, default, false, default, default, new(true, "Potsdam"), new(true, "14467"), default);

    /// <summary>The example order's entity tag, as its ETag header and its etag field carry it.</summary>
    public static string ETag => OrderETag.Of(Placed);

    public static CreateOrderRequest Request => new(
        Reference, "EUR", new CustomerRequest("ada@example.com", "Ada Lovelace", null),
        new ShippingAddressRequest("Unter den Linden 1", null, "Berlin", "10117", "DE"),
        [new OrderLineRequest("SKU-1", 2, 1999), new OrderLineRequest("SKU-2", 1, 500)]);

    public JsonNode CreateRequest => Write(Request);

    public JsonNode PlacedOrder => Write(OrderResponse.From(Placed));

    public JsonNode Page => Write(new OrderListResponse([OrderResponse.From(Placed)], OrderListCursor.Encode(Placed)));

    public JsonNode Duplicate(bool sameRequest) => Problem(Problems.Duplicate(new DefaultHttpContext().Request, Placed, sameRequest));

    public JsonNode InvalidOrder
    {
        get
        {
            var request = Request with
            {
                Customer = new CustomerRequest("ada.example.com", "Ada Lovelace", null),
                Lines = [new OrderLineRequest("SKU-1", 0, 1999)],
            };
            return Problem(Problems.InvalidOrder(OrderValidator.Validate(JsonSerializer.SerializeToElement(request, json), null, json).Errors));
        }
    }

    public JsonNode CancelledOrder => Write(OrderResponse.From(Cancelled));

    public JsonNode ChangedOrder => Write(OrderResponse.From(Changed));

    public JsonNode FulfilledOrder => Write(OrderResponse.From(Fulfilled));

    public JsonNode FulfilRequest => Write(new FulfilOrderRequest(Fulfilled.Carrier, Fulfilled.TrackingNumber));

    public JsonNode AlreadyFulfilled(bool sameRequest) => Problem(Problems.AlreadyFulfilled(Fulfilled, sameRequest));

    public JsonNode OrderCancelled => Problem(Problems.Cancelled(Cancelled));

    public JsonNode NotCancellable => Problem(Problems.NotCancellable(new DefaultHttpContext().Request, Fulfilled));

    public JsonNode InvalidFulfilment => Problem(Problems.InvalidTransition(
        FulfilmentReader.Read(JsonDocument.Parse("""{"carrier": ""}""").RootElement).Errors));

    /// <summary>The change that made <see cref="ChangedOrder"/>: only the members it sets (a merge patch leaves the rest out).</summary>
    public static JsonNode ChangeRequestBody => new JsonObject
    {
        ["shippingAddress"] = new JsonObject { ["city"] = NewCity.City.Value, ["postalCode"] = NewCity.PostalCode.Value },
    };

    public JsonNode CancelRequest => Write(new CancelOrderRequest("Ordered the wrong size"));

    public JsonNode AlreadyCancelled(bool sameRequest) => Problem(Problems.AlreadyCancelled(new DefaultHttpContext().Request, Cancelled, sameRequest));

    public JsonNode NotChangeable => Problem(Problems.NotChangeable(new DefaultHttpContext().Request, Cancelled));

    /// <summary>A 412: of a cancel (alreadyApplied null), or of a change whose patch the current order holds or not.</summary>
    public JsonNode PreconditionFailed(bool? alreadyApplied) =>
        Problem(Problems.PreconditionFailed(alreadyApplied == true ? Changed : Placed with { Version = 3 }, alreadyApplied));

    public JsonNode PreconditionRequired => Problem(Problems.PreconditionRequired());

    public JsonNode InvalidChange => Problem(Problems.InvalidTransition(
        OrderChangeReader.Read(JsonDocument.Parse("""{"customer": {"email": "eve@example.com"}, "shippingAddress": {"country": "de"}}""").RootElement).Errors));

    public JsonNode InvalidCancellation => Problem(Problems.InvalidTransition(
        CancellationReader.Read(JsonDocument.Parse("""{"reason": ""}""").RootElement).Errors));

    /// <summary>Holds for the examples: the change example's patch is what the changed order holds.</summary>
    internal static bool ChangeExampleHolds => NewCity.IsAppliedIn(Changed) && !NewCity.IsAppliedIn(Placed);

    public JsonNode InvalidParameter(string parameter, string message) => Problem(Problems.InvalidParameter(parameter, message));

    public JsonNode MalformedJson => Problem(Problems.MalformedJson(
        "Invalid JSON at line 3, byte 18: check syntax, nesting depth and repeated property names."));

    public JsonNode PayloadTooLarge => Problem(Problems.PayloadTooLarge(JsonRequestBody.MaxBodyBytes));

    public JsonNode UnsupportedMediaType => Problem(Problems.UnsupportedMediaType());

    public JsonNode OrderNotFound => Problem(Problems.OrderNotFound(Reference));

    public JsonNode StoreUnavailable(bool placesOrder) => Problem(Problems.StoreUnavailable(2, placesOrder));

    public JsonNode Unauthorized => Problem(new ProblemResult(Problems.Unauthorized(Security.TokenRefusal.Expired)));

    public JsonNode Forbidden => Problem(new ProblemResult(Problems.ForStatus(StatusCodes.Status403Forbidden, placesOrder: false)));

    public JsonNode RateLimited(bool placesOrder) => Problem(new ProblemResult(Problems.ForStatus(StatusCodes.Status429TooManyRequests, placesOrder)));

    public JsonNode InternalError(bool placesOrder) => Problem(new ProblemResult(Problems.ForStatus(StatusCodes.Status500InternalServerError, placesOrder)));

    private JsonNode Problem(ProblemResult result)
    {
        result.Value.TraceId = TraceId;
        return JsonSerializer.SerializeToNode(result.Value, result.Value.GetType(), json)!;
    }

    private JsonNode Write<T>(T value) => JsonSerializer.SerializeToNode(value, json)!;
}
