using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.Api.Contracts;
using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// The floor's cancel and change (<see cref="Floor"/>): the API's URLs and store calls with nothing of
/// ours around them. The body is read as plain JSON into the one member the benchmark sends; If-Match
/// is taken as one tag; every refusal is answered with the current order, with no problem details.
/// </summary>
internal static class FloorTransitions
{
    public static void Map(WebApplication app, IOrderStore store)
    {
        app.MapPost("/orders/{clientReference}/cancellation", async (string clientReference, FloorCancelBody? body, CancellationToken ct) =>
        {
            var now = StoredTime.Now(TimeProvider.System);
            return Answer(await store.CancelAsync(
                new OrderCancellation(BenchOrder.Owner, clientReference, body?.Reason, now, null, Guid.CreateVersion7(now)), ct), StatusCodes.Status409Conflict);
        });
        // application/merge-patch+json binds as JSON: minimal APIs take any "+json" media type.
        app.MapPatch("/orders/{clientReference}", async (string clientReference, FloorPatchBody body, HttpContext context, CancellationToken ct) =>
        {
            if (!OrderETag.TryParse(context.Request.Headers.IfMatch.ToString(), out var orderId, out var version))
            {
                return Results.StatusCode(StatusCodes.Status428PreconditionRequired);
            }
            var now = StoredTime.Now(TimeProvider.System);
            var patch = BenchTargets.Patch with { Line1 = new Patched<string?>(true, body.ShippingAddress.Line1) };
            return Answer(await store.ChangeAsync(
                new OrderChange(BenchOrder.Owner, clientReference, patch, now, new OrderVersion(orderId, version), Guid.CreateVersion7(now)), ct),
                StatusCodes.Status412PreconditionFailed);
        });
    }

    private static IResult Answer(TransitionResult result, int refusedStatus) => result switch
    {
        TransitionResult.Applied applied => Results.Json(OrderResponse.From(applied.Order)),
        TransitionResult.Refused refused => Results.Json(OrderResponse.From(refused.Current), statusCode: refusedStatus),
        TransitionResult.NotFound => Results.NotFound(),
        _ => throw new InvalidOperationException($"Unknown transition result {result.GetType().Name}."),
    };

    internal sealed record FloorCancelBody(string? Reason);

    internal sealed record FloorPatchBody(FloorAddress ShippingAddress);

    internal sealed record FloorAddress(string Line1);
}
