using Microsoft.Net.Http.Headers;

namespace Orders.Api.Security;

/// <summary>The <c>Cors</c> configuration section: which storefront origins may call the API from a browser.</summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Exact origins, e.g. "https://shop.example.com". None by default: no browser origin is trusted.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may cache a preflight answer.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}

/// <summary>
/// CORS for storefronts. The middleware adds its headers when the response starts, so every answer
/// to an allowed origin carries them, errors included: without them a browser hides a 409 (or a 401,
/// 429, 503) from the page and reports a network error instead.
/// </summary>
internal static class CorsSetup
{
    public static IServiceCollection AddOrdersCors(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CorsOptions.SectionName).Get<CorsOptions>() ?? new CorsOptions();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.AllowedOrigins)
            // PATCH: a change of an order; If-Match names the version it was made from.
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Patch)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, Rules.ClientReference.HeaderName,
                HeaderNames.IfMatch, HeaderNames.IfNoneMatch)
            // ETag: a page cannot read a response header CORS does not expose, and it needs the tag to send it back.
            .WithExposedHeaders(HeaderNames.Location, HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate, HeaderNames.ETag)
            .SetPreflightMaxAge(TimeSpan.FromSeconds(options.PreflightMaxAgeSeconds))));
        return services;
    }
}
