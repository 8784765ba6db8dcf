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

    /// <summary>The fulfilment service's subject in <see cref="MintService"/>'s tokens.</summary>
    public const string ServiceSubject = "fulfilment-worker";

    /// <summary>The scope the API grants fulfilment to by default (Authentication:FulfilmentScope).</summary>
    public const string FulfilmentScope = "orders:fulfil";

    /// <summary>
    /// A service's token: <paramref name="scope"/> in the <c>scope</c> claim (space-separated, RFC 8693),
    /// as an operator's identity provider or <c>dotnet user-jwts create --scope</c> issues it.
    /// </summary>
    public static string MintService(string scope = FulfilmentScope, string subject = ServiceSubject) =>
        Mint(subject, claims: new Dictionary<string, object> { ["scope"] = scope });

    /// <summary>A signed token for <paramref name="subject"/>; each optional part can be made wrong on purpose.</summary>
    public static string Mint(
        string? subject = DefaultOwner, DateTime? expires = null, byte[]? signingKey = null, string audience = Audience, string issuer = Issuer,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Claims = ClaimsOf(subject, claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private static Dictionary<string, object> ClaimsOf(string? subject, IReadOnlyDictionary<string, object>? claims)
    {
        var all = claims is null ? [] : new Dictionary<string, object>(claims);
        if (subject is not null)
        {
            all["sub"] = subject;
        }
        return all;
    }
}
