using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Security;

/// <summary>
/// JwtBearer's token handler with <see cref="ValidatedTokenCache"/> in front: the same validation,
/// done once per token and cache lifetime rather than once per request.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (cache.Find(token, validationParameters) is { } known)
        {
            return known;
        }
        var keys = ValidatedTokenCache.KeysOf(validationParameters);
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        cache.Keep(token, validationParameters, keys, result);
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }
}
