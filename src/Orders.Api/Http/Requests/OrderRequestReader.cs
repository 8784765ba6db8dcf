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
    public static Task<(OrderDraft? Draft, ProblemResult? Problem)> ReadAsync(
        HttpRequest request, JsonSerializerOptions serializerOptions, CancellationToken ct) =>
        JsonRequestBody.ReadAsync(request, (Request: request, Options: serializerOptions), static (body, state) =>
        {
            var header = state.Request.Headers[ClientReference.HeaderName];
            var (draft, errors) = OrderValidator.Validate(body, header.Count == 0 ? null : header.ToString(), state.Options);
            return draft is null ? (null, Problems.InvalidOrder(errors)) : (draft, (ProblemResult?)null);
        }, ct);
}
