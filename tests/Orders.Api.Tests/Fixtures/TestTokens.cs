using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Tests.Fixtures;

/// <summary>
/// Mints bearer tokens the app under test accepts: a signing key made for this test run, given to the
/// app through the same Authentication:Schemes:Bearer settings an operator (or dotnet user-jwts) uses.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "orders-tests";
    public const string Audience = "orders-api-tests";
    public const string DefaultOwner = "owner-ada";

    /// <summary>The fulfilment service's scope as the API names it by default (Authentication:FulfilmentScope).</summary>
    public const string FulfilmentScope = "orders:fulfil";

    /// <summary>The subject of <see cref="MintService"/>'s tokens: a service's own, no customer's.</summary>
    public const string ServiceSubject = "fulfilment-worker";

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration that makes the app trust <see cref="Mint"/>'s tokens.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(SigningKey),
    };

    /// <summary>The same settings as environment variables, for a real API process.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        Settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value!);

    /// <summary>Replaces the signing key in <paramref name="configuration"/> (made from <see cref="Settings"/>) and reloads it, as an operator rotating a leaked key would: tokens signed before stop being valid.</summary>
    public static void ReplaceSigningKey(Microsoft.Extensions.Configuration.IConfigurationRoot configuration)
    {
        configuration["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        configuration.Reload();
    }

    /// <summary>
    /// A signed token for <paramref name="subject"/>; each optional part can be made wrong on purpose, and
    /// <paramref name="claims"/> adds claims as given (a string, a number, an array, a JsonElement object; an
    /// <c>aud</c> there only with <paramref name="audience"/> null, which the descriptor's would override).
    /// </summary>
    public static string Mint(
        string? subject = DefaultOwner, DateTime? expires = null, byte[]? signingKey = null, string? audience = Audience, string issuer = Issuer,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        var payload = subject is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["sub"] = subject };
        foreach (var (type, value) in claims ?? new Dictionary<string, object>())
        {
            payload[type] = value;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Claims = payload,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token of the header and payload given (base64url, as in a JWT), signed with the key the app trusts.</summary>
    public static string Sign(string header, string payload)
    {
        var signature = HMACSHA256.HashData(SigningKey, System.Text.Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}";
    }

    /// <summary>A fulfilment service's token: <paramref name="scope"/> in its <c>scope</c> claim (a string, or an array of them).</summary>
    public static string MintService(object? scope = null, string? subject = ServiceSubject, string audience = Audience, string issuer = Issuer, DateTime? expires = null) =>
        Mint(subject, expires, audience: audience, issuer: issuer, claims: new Dictionary<string, object> { ["scope"] = scope ?? FulfilmentScope });
}
