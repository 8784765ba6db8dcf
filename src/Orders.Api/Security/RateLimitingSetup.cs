using System.Globalization;
using System.Threading.RateLimiting;
using Orders.Api.Observability;

namespace Orders.Api.Security;

/// <summary>The <c>RateLimiting</c> configuration section: a token bucket per owner.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests an owner may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests an owner may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>Per-owner rate limiting with ASP.NET Core's rate limiter; 429 problem with Retry-After.</summary>
internal static class RateLimitingSetup
{
    public const string PerOwnerPolicy = "PerOwner";

    // The partition of every token without a subject: only a service can pass its policy without one
    // (a customer's needs a sub), and it is limited like any caller, never unlimited.
    private const string NoSubject = "\0no-subject";

    public static IServiceCollection AddOrdersRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerOwnerPolicy, context => options.Enabled
                ? RateLimitPartition.GetTokenBucketLimiter(OrderOwner.Of(context.User) ?? NoSubject, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.Burst),
                    TokensPerPeriod = Math.Max(1, options.PermitsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
            // The 429's problem body is written by the status code pages (Http/Responses), as for every
            // bodiless error: here only what they cannot know, how long to wait.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<OrdersMetrics>().Rejected(OrdersMetrics.Reasons.RateLimit);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
