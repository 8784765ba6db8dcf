namespace Orders.Api.Infrastructure;

/// <summary>
/// Gives bodiless framework answers (unknown path, wrong method, bad request) the same problem+json
/// shape as ours, so a client parses every error one way.
/// </summary>
internal static class ProblemStatusCodePages
{
    public static IApplicationBuilder UseProblemStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
            new ProblemResult(Problems.ForStatus(context.HttpContext.Response.StatusCode)).ExecuteAsync(context.HttpContext));
}
