namespace Orders.Api.Infrastructure;

internal static class ProblemMetadata
{
    /// <summary>Declares that the endpoint may answer <paramref name="status"/> with this problem shape.</summary>
    public static RouteHandlerBuilder ProducesProblem<TProblem>(this RouteHandlerBuilder builder, int status)
        where TProblem : ApiProblem =>
        builder.Produces<TProblem>(status, ProblemResult.ContentType);
}
