using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Orders.Api.Http.Responses;

/// <summary>
/// A JSON answer written whole (<see cref="WholeJsonBody"/>), in place of ASP.NET Core's
/// <c>TypedResults.Ok</c> and <c>TypedResults.Created</c>, which stream theirs chunked. Each
/// declares the same response metadata as those, so the OpenAPI document does not change. An answer
/// that carries an order carries its entity tag in the ETag header too.
/// </summary>
public abstract class WholeJsonResult<TValue>(int status, TValue value, string? eTag)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>
    where TValue : notnull
{
    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => status;

    /// <summary>The ETag header's value; null for an answer that is not one order (a page of them).</summary>
    public string? ETag => eTag;

    public virtual Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        if (eTag is not null)
        {
            httpContext.Response.Headers.ETag = eTag;
        }
        return WholeJsonBody.WriteAsync(httpContext, value, typeof(TValue), "application/json");
    }

    protected static void Produces(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(TValue), ["application/json"]));
}

/// <summary>200 with a JSON body, and the ETag of the one order it is, if it is one.</summary>
public sealed class JsonOk<TValue>(TValue value, string? eTag) : WholeJsonResult<TValue>(StatusCodes.Status200OK, value, eTag), IEndpointMetadataProvider
    where TValue : notnull
{
    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member, read per result type.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status200OK);
}

/// <summary>201 with the new resource's Location and ETag and a JSON body.</summary>
public sealed class JsonCreated<TValue>(string location, TValue value, string eTag)
    : WholeJsonResult<TValue>(StatusCodes.Status201Created, value, eTag), IEndpointMetadataProvider
    where TValue : notnull
{
    public string Location => location;

    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return base.ExecuteAsync(httpContext);
    }

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is a static interface member, read per result type.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status201Created);
}
