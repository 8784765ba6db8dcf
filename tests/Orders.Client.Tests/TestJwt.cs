using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orders.Client.Tests;

/// <summary>
/// An HS256 signing key for this run, the settings that make the API trust it (the shape
/// `dotnet user-jwts` writes), and tokens signed with it: what a client of the API must send.
/// </summary>
internal sealed class TestJwt
{
    private const string Issuer = "orders-client-tests";
    private const string Audience = "orders-api";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Environment variables for the API process.</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment => new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(_key),
    };

    /// <summary>The fulfilment service's scope, as the API names it by default.</summary>
    public const string FulfilmentScope = "orders:fulfil";

    /// <summary>A customer's token, or with <paramref name="scope"/> a service's (its space-separated <c>scope</c> claim).</summary>
    public string Mint(string subject, string? scope = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["iss"] = Issuer, ["aud"] = Audience, ["iat"] = now, ["nbf"] = now - 60, ["exp"] = now + 3600 };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Encode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
