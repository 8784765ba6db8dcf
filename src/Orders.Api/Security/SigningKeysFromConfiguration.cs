using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Orders.Api.Security;

/// <summary>
/// Replaces ASP.NET Core's per-token reading of the configured signing keys with
/// <see cref="ConfiguredSigningKeys"/>: the same keys, issuers and reload behaviour, decoded once per
/// configuration change.
/// </summary>
internal sealed class SigningKeysFromConfiguration(IAuthenticationConfigurationProvider configuration, ILoggerFactory loggers)
    : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }
        var scheme = configuration.GetSchemeConfiguration(name);
        // ASP.NET Core reads keys from configuration only when the scheme has a section; so do we.
        if (!scheme.GetChildren().Any())
        {
            return;
        }
        var parameters = options.TokenValidationParameters;
        parameters.IssuerSigningKeys = new ConfiguredSigningKeys(
            scheme, [parameters.ValidIssuer, .. parameters.ValidIssuers ?? []], loggers.CreateLogger<ConfiguredSigningKeys>());
    }
}
