using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Orders.Api.Configuration;

namespace Orders.Api.Security;

/// <summary>
/// Puts <see cref="ValidatedTokenCache"/> in front of every token handler of the bearer scheme, after
/// everything else has configured them (inbound claim mapping off). One cache per options instance: when
/// the options are built again, the tokens are validated again.
/// </summary>
/// <remarks><c>Authentication:TokenCacheSeconds</c> (default 60, read at start) is how long a validation is reused; 0 turns the cache off.</remarks>
internal sealed class TokenCaching(int seconds, TimeProvider clock) : IPostConfigureOptions<JwtBearerOptions>
{
    public const string Setting = "Authentication:TokenCacheSeconds";

    public const int DefaultSeconds = 60;

    /// <summary>The setting, checked at start: a value that is not 0 to 3600 seconds stops the app with its name.</summary>
    public static int SecondsFrom(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrEmpty(text))
        {
            return DefaultSeconds;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
            ? seconds
            : throw new ConfigurationMistakeException($"{Setting} must be a whole number of seconds from 0 (off) to 3600, not '{text}'.");
    }

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (seconds == 0 || options.UseSecurityTokenValidators)
        {
            return;
        }
        var cache = new ValidatedTokenCache(TimeSpan.FromSeconds(seconds), clock);
        for (var i = 0; i < options.TokenHandlers.Count; i++)
        {
            options.TokenHandlers[i] = new CachingTokenHandler(options.TokenHandlers[i], cache);
        }
    }
}
