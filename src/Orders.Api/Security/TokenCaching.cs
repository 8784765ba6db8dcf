using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Orders.Api.Security;

/// <summary>
/// Puts <see cref="ValidatedTokenCache"/> in front of every token handler of the bearer scheme, after
/// everything else has configured them (inbound claim mapping off). One cache per options instance: when
/// the options are built again, the tokens are validated again.
/// </summary>
/// <remarks><c>Authentication:TokenCacheSeconds</c> (default 60) is how long a validation is reused; 0 turns the cache off.</remarks>
internal sealed class TokenCaching(IConfiguration configuration, TimeProvider clock) : IPostConfigureOptions<JwtBearerOptions>
{
    public const string Setting = "Authentication:TokenCacheSeconds";

    public const int DefaultSeconds = 60;

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        var seconds = configuration.GetValue(Setting, DefaultSeconds);
        if (seconds <= 0 || options.UseSecurityTokenValidators)
        {
            return;
        }
        var cache = new ValidatedTokenCache(TimeSpan.FromSeconds(seconds), clock);
        var handlers = options.TokenHandlers.ToList();
        options.TokenHandlers.Clear();
        foreach (var handler in handlers)
        {
            options.TokenHandlers.Add(handler as CachingTokenHandler ?? new CachingTokenHandler(handler, cache));
        }
    }
}
