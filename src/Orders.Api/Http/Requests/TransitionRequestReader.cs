using Microsoft.AspNetCore.Http.Features;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Rules;

namespace Orders.Api.Http.Requests;

/// <summary>Reads the bodies of a cancel (optional: a reason) and of a change (a merge patch), under the same rules as a create's.</summary>
internal static class TransitionRequestReader
{
    /// <returns>The reason (null when none was sent, or no body at all), or the problem to answer with.</returns>
    public static async Task<(string? Reason, ProblemResult? Problem)> ReadCancellationAsync(HttpRequest request, CancellationToken ct)
    {
        // A bodiless POST is a cancel without a reason: no Content-Type is needed for nothing.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength == 0)
        {
            return (null, null);
        }
        var (document, problem) = await JsonRequestBody.ReadAsync(request, ct);
        if (document is null)
        {
            return (null, problem);
        }
        using (document)
        {
            try
            {
                var (reason, errors) = CancellationReader.Read(document.RootElement);
                return errors.Count > 0 ? (null, Problems.InvalidTransition(errors)) : (reason, null);
            }
            catch (InvalidOperationException)
            {
                return (null, JsonRequestBody.InvalidUnicodeName());
            }
        }
    }

    /// <returns>The patch, or the problem to answer with.</returns>
    public static async Task<(OrderPatch? Patch, ProblemResult? Problem)> ReadChangeAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, problem) = await JsonRequestBody.ReadAsync(request, ct);
        if (document is null)
        {
            return (null, problem);
        }
        using (document)
        {
            try
            {
                var (patch, errors) = OrderChangeReader.Read(document.RootElement);
                return patch is null ? (null, Problems.InvalidTransition(errors)) : (patch, null);
            }
            catch (InvalidOperationException)
            {
                return (null, JsonRequestBody.InvalidUnicodeName());
            }
        }
    }
}
