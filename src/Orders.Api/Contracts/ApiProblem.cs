using System.Text.Json.Serialization;

namespace Orders.Api.Contracts;

/// <summary>
/// An RFC 9457 problem with the machine-readable <c>code</c> clients switch on. Every error
/// this API sends is one of these, as application/problem+json.
/// </summary>
public class ApiProblem
{
    /// <summary>Identifies the kind of problem (a relative URI such as /problems/order-not-found); one per code.</summary>
    [JsonPropertyOrder(-5)]
    public required string Type { get; init; }

    /// <summary>A short human-readable summary of the kind of problem; do not parse it.</summary>
    [JsonPropertyOrder(-4)]
    public required string Title { get; init; }

    /// <summary>The HTTP status code of the answer, repeated.</summary>
    [JsonPropertyOrder(-3)]
    public required int Status { get; init; }

    /// <summary>What happened in this case and what to do about it, for people; do not parse it.</summary>
    [JsonPropertyOrder(-2)]
    public required string Detail { get; init; }

    /// <summary>What went wrong, for programs: switch on this, not on title or detail.</summary>
    [JsonPropertyOrder(-1)]
    public required string Code { get; init; }

    /// <summary>Correlates the answer with the server's logs and traces.</summary>
    [JsonPropertyOrder(100)]
    public string? TraceId { get; set; }
}

/// <summary>
/// 400 of POST /orders, in one shape every client generator can map: VALIDATION_FAILED with
/// <c>errors</c>, or MALFORMED_JSON (and BAD_REQUEST from the server itself) without it.
/// </summary>
public sealed class OrderRequestProblem : ApiProblem
{
    /// <summary>
    /// Present when <c>code</c> is VALIDATION_FAILED: each invalid field, named by its JSON path in the
    /// request (<c>lines[0].quantity</c>, <c>customer.email</c>; <c>Idempotency-Key</c> for the header,
    /// <c>$</c> for the whole body), with what is wrong with it. Absent when the body could not be read.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}

/// <summary>400 VALIDATION_FAILED of a lookup or listing: each bad field (a JSON path such as <c>lines[0].quantity</c>) with what is wrong.</summary>
public sealed class ValidationApiProblem : ApiProblem
{
    /// <summary>
    /// Each invalid field, named by its JSON path in the request (<c>lines[0].quantity</c>, <c>customer.email</c>;
    /// <c>Idempotency-Key</c> for the header, <c>$</c> for the whole body), with what is wrong with it.
    /// </summary>
    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }
}

/// <summary>
/// 409 DUPLICATE_IDEMPOTENCY_KEY: the reference was already used by this owner. Built from the stored
/// order, never from a stored response.
/// </summary>
public sealed class DuplicateOrderProblem : ApiProblem
{
    /// <summary>The reference that is taken: the one this request carried.</summary>
    public required string ClientReference { get; init; }

    /// <summary>The id of the order that holds the reference.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>Where to read that order (GET); the same value as the Location header.</summary>
    public required string OrderUrl { get; init; }

    /// <summary>When that order was placed.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>
    /// That order's entity tag, as GET orderUrl would send it in its ETag header: a retry that learns its
    /// order is placed can go on with If-None-Match (or, later, If-Match) without reading it first. In the
    /// body, not in an ETag header: a 409's ETag would describe this problem document (RFC 9110 §8.8.3).
    /// </summary>
    public required string Etag { get; init; }

    /// <summary>
    /// True: this request describes the stored order exactly (same currency, customer, address and lines), so
    /// it is a retry of a request that already succeeded; treat the order as placed. False: the reference
    /// was already used for a different order; the stored order is unchanged and nothing new was placed. That
    /// is a bug in the caller: do not retry, and start a new checkout attempt with a new reference if a
    /// second order is really wanted.
    /// </summary>
    public required bool SameRequest { get; init; }
}
