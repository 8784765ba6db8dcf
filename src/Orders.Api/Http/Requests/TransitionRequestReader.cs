using Microsoft.AspNetCore.Http.Features;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Rules;

namespace Orders.Api.Http.Requests;

/// <summary>Reads the bodies of a cancel (optional: a reason), a fulfilment (optional: carrier, tracking number) and a change (a merge patch), under the same rules as a create's.</summary>
internal static class TransitionRequestReader
{
    /// <returns>The reason (null when none was sent, or no body at all), or the problem to answer with.</returns>
    public static async Task<(string? Reason, ProblemResult? Problem)> ReadCancellationAsync(HttpRequest request, CancellationToken ct)
    {
        if (HasNoBody(request))
        {
            return (null, null);
        }
        return await JsonRequestBody.ReadAsync(request, 0, static (body, _) =>
        {
            var (reason, errors) = CancellationReader.Read(body);
            return errors.Count > 0 ? (null, Problems.InvalidTransition(errors)) : (reason, (ProblemResult?)null);
        }, ct);
    }

    /// <returns>The shipment (its members null when not sent, or no body at all), or the problem to answer with.</returns>
    public static async Task<(Shipment? Shipment, ProblemResult? Problem)> ReadFulfilmentAsync(HttpRequest request, CancellationToken ct)
    {
        if (HasNoBody(request))
        {
            return (Shipment.Unnamed, null);
        }
        return await JsonRequestBody.ReadAsync(request, 0, static (body, _) =>
        {
            var (shipment, errors) = FulfilmentReader.Read(body);
            return shipment is null ? (null, Problems.InvalidTransition(errors)) : (shipment, (ProblemResult?)null);
        }, ct);
    }

    // A bodiless POST (a cancel without a reason, a fulfilment without a carrier): no Content-Type is needed for nothing.
    private static bool HasNoBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength == 0;

    /// <returns>The patch, or the problem to answer with.</returns>
    public static Task<(OrderPatch? Patch, ProblemResult? Problem)> ReadChangeAsync(HttpRequest request, CancellationToken ct) =>
        JsonRequestBody.ReadAsync(request, 0, static (body, _) =>
        {
            var (patch, errors) = OrderChangeReader.Read(body);
            return patch is null ? (null, Problems.InvalidTransition(errors)) : (patch, (ProblemResult?)null);
        }, ct);
}
