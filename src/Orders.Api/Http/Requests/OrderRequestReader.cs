using System.Text.Json;
using Orders.Api.Http.Responses;
using Orders.Api.Model;
using Orders.Api.Rules;

namespace Orders.Api.Http.Requests;

/// <summary>
/// Reads the POST /orders body under our own rules, so that every way a body can be wrong ends in a
/// precise 4xx problem: 415 for a non-JSON type, 413 past the size limit, MALFORMED_JSON for bad
/// syntax, and VALIDATION_FAILED naming every field that is unknown, of the wrong type or breaks a rule.
/// </summary>
internal static class OrderRequestReader
{
    /// <returns>The validated order, or the problem to answer with.</returns>
    public static async Task<(OrderDraft? Draft, ProblemResult? Problem)> ReadAsync(
        HttpRequest request, JsonSerializerOptions serializerOptions, CancellationToken ct)
    {
        var (document, problem) = await JsonRequestBody.ReadAsync(request, ct);
        if (document is null)
        {
            return (null, problem);
        }
        using (document)
        {
            var header = request.Headers[ClientReference.HeaderName];
            try
            {
                var (draft, errors) = OrderValidator.Validate(document.RootElement, header.Count == 0 ? null : header.ToString(), serializerOptions);
                return draft is null ? (null, Problems.InvalidOrder(errors)) : (draft, null);
            }
            catch (InvalidOperationException)
            {
                // A property name holding a lone surrogate escape: JSON syntax allows it, no reader can use it.
                return (null, JsonRequestBody.InvalidUnicodeName());
            }
        }
    }
}
