using Orders.Api.Contracts;
using Orders.Api.Http.Responses;

namespace Orders.Api.Http.Endpoints;

internal static class ProblemMetadata
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
}
