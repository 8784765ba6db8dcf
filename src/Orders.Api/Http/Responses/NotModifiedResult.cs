using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Orders.Api.Http.Responses;

/// <summary>
/// 304 Not Modified: the client's copy is current. The ETag goes with it (RFC 9110 §15.4.5 asks for the
/// header a 200 would have sent) and nothing else: no body, no content type.
/// </summary>
public sealed class NotModifiedResult(string eTag) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public string ETag => eTag;

    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        httpContext.Response.Headers.ETag = eTag;
        return Task.CompletedTask;
    }

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member, read per result type.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
}
