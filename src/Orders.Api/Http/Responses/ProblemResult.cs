using System.Diagnostics;
using Orders.Api.Contracts;

namespace Orders.Api.Http.Responses;

/// <summary>Writes an <see cref="ApiProblem"/> as application/problem+json, with optional headers.</summary>
public sealed class ProblemResult(ApiProblem problem, IReadOnlyDictionary<string, string>? headers = null)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiProblem>
{
    public const string ContentType = "application/problem+json";

    public ApiProblem Value => problem;

    object? IValueHttpResult.Value => problem;

    public int? StatusCode => problem.Status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        problem.TraceId ??= Activity.Current?.Id ?? httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = problem.Status;
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                httpContext.Response.Headers[name] = value;
            }
        }
        // Serialised as its runtime type, so the 409's and 400's own fields are written too.
        return WholeJsonBody.WriteAsync(httpContext, problem, problem.GetType(), ContentType);
    }
}
