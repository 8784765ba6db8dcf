using Orders.Api.Contracts;
using Orders.Api.Http.Responses;

namespace Orders.Api.Http.Endpoints;

/// <summary>What an endpoint declares about itself, for the OpenAPI document (OpenApi/) to read.</summary>
internal static class EndpointMetadata
{
    /// <summary>Declares that the endpoint may answer <paramref name="status"/> with this problem shape.</summary>
    public static RouteHandlerBuilder ProducesProblem<TProblem>(this RouteHandlerBuilder builder, int status)
        where TProblem : ApiProblem =>
        builder.Produces<TProblem>(status, ProblemResult.ContentType);

    /// <summary>What every order endpoint may answer before its handler runs: no token, no usable owner, over the rate.</summary>
    public static RouteHandlerBuilder ProducesCallerProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem<ApiProblem>(StatusCodes.Status401Unauthorized)
        .ProducesProblem<ApiProblem>(StatusCodes.Status403Forbidden)
        .ProducesProblem<ApiProblem>(StatusCodes.Status429TooManyRequests);

    /// <summary>The endpoint takes the order's reference from the Idempotency-Key header too.</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKeyHeader(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(IdempotencyKeyHeaderMarker.Instance);

    /// <summary>The endpoint answers 304 to an If-None-Match that names the current ETag.</summary>
    public static RouteHandlerBuilder AcceptsIfNoneMatchHeader(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(IfNoneMatchHeaderMarker.Instance);

    /// <summary>The endpoint writes only if If-Match names the current ETag; <paramref name="required"/>: 428 without one.</summary>
    public static RouteHandlerBuilder AcceptsIfMatchHeader(this RouteHandlerBuilder builder, bool required) =>
        builder.WithMetadata(new IfMatchHeaderMarker(required));
}

/// <summary>The metadata <see cref="EndpointMetadata.AcceptsIfMatchHeader"/> adds.</summary>
internal sealed class IfMatchHeaderMarker(bool required)
{
    /// <summary>True when a request without If-Match is answered 428.</summary>
    public bool Required { get; } = required;
}

/// <summary>The metadata <see cref="EndpointMetadata.AcceptsIdempotencyKeyHeader"/> adds.</summary>
internal sealed class IdempotencyKeyHeaderMarker
{
    public static readonly IdempotencyKeyHeaderMarker Instance = new();
}

/// <summary>The metadata <see cref="EndpointMetadata.AcceptsIfNoneMatchHeader"/> adds.</summary>
internal sealed class IfNoneMatchHeaderMarker
{
    public static readonly IfNoneMatchHeaderMarker Instance = new();
}
