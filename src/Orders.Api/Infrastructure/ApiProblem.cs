using System.Text.Json.Serialization;

namespace Orders.Api.Infrastructure;

/// <summary>
/// An RFC 9457 problem with the machine-readable <see cref="Code"/> clients switch on. Every error
/// this API sends is one of these, as application/problem+json.
/// </summary>
public class ApiProblem
{
    [JsonPropertyOrder(-5)]
    public required string Type { get; init; }

    [JsonPropertyOrder(-4)]
    public required string Title { get; init; }

    [JsonPropertyOrder(-3)]
    public required int Status { get; init; }

    [JsonPropertyOrder(-2)]
    public required string Detail { get; init; }

    [JsonPropertyOrder(-1)]
    public required string Code { get; init; }

    /// <summary>Correlates the answer with the server's logs and traces.</summary>
    [JsonPropertyOrder(100)]
    public string? TraceId { get; set; }
}

/// <summary>400 VALIDATION_FAILED: each bad field (a JSON path such as <c>lines[0].quantity</c>) with what is wrong.</summary>
public sealed class ValidationApiProblem : ApiProblem
{
    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }
}

/// <summary>
/// 409 DUPLICATE_IDEMPOTENCY_KEY: the reference was already used by this owner. Built from the stored
/// order, never from a stored response.
/// </summary>
public sealed class DuplicateOrderProblem : ApiProblem
{
    public required string ClientReference { get; init; }

    public required Guid OrderId { get; init; }

    public required string OrderUrl { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>True: this request describes the stored order (a retry). False: the reference was reused for a different order.</summary>
    public required bool SameRequest { get; init; }
}
