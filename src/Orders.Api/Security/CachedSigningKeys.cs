using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Security;

/// <summary>
/// Resolves the configured signing keys (<c>Authentication:Schemes:Bearer:SigningKeys</c>) once, not on
/// every request.
/// </summary>
/// <remarks>
/// ASP.NET Core reads those keys through an issuer-signing-key resolver that walks the configuration
/// tree and decodes a new key object on every token it validates, so that a reloaded configuration
/// takes effect. Profiling the benchmark showed it in every request (configuration child-key
/// enumeration, a SHA-256 of the key for its id, a fresh HMAC provider). Its answer depends only on the
/// configuration, never on the token, so it is kept until the configuration reloads. With an OIDC
/// Authority there is no such resolver and nothing changes.
/// </remarks>
internal sealed class CachedSigningKeys(IConfiguration configuration) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        var resolve = options.TokenValidationParameters.IssuerSigningKeyResolver;
        if (resolve is null)
        {
            return;
        }
        SecurityKey[]? keys = null;
        // Any reload forgets the keys; the next token reads them again.
        ChangeToken.OnChange(configuration.GetReloadToken, () => Volatile.Write(ref keys, null));
        options.TokenValidationParameters.IssuerSigningKeyResolver = (token, securityToken, keyId, parameters) =>
            Volatile.Read(ref keys) ?? (keys = resolve(token, securityToken, keyId, parameters).ToArray());
    }
}
