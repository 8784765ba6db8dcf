using Orders.Api.Security;

namespace Orders.Api.Http.Responses;

/// <summary>
/// Gives bodiless framework answers (unknown path, wrong method, bad request) the same problem+json
/// shape as ours, so a client parses every error one way.
/// </summary>
internal static class ProblemStatusCodePages
{
    public static IApplicationBuilder UseProblemStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            // A refused token: say why, as the bearer challenge found it.
            var problem = TokenRefusal.Of(http) is { } detail && http.Response.StatusCode == StatusCodes.Status401Unauthorized
                ? Problems.Unauthorized(detail)
                : Problems.ForStatus(http.Response.StatusCode, HttpMethods.IsPost(http.Request.Method));
            return new ProblemResult(problem).ExecuteAsync(http);
        });
}
