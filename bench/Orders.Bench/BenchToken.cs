using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Bench;

/// <summary>
/// The benchmark's bearer token: HS256 over a key run-bench.sh makes for the run and gives the API
/// through the same Authentication:Schemes:Bearer settings an operator uses. Subject: the owner the
/// seed script and the raw path write as, so every path reads and writes the same orders.
/// </summary>
public static class BenchToken
{
    public const string Issuer = "orders-bench";
    public const string Audience = "orders-api-bench";

    public static string Mint(string base64SigningKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            // Long enough for the longest run (two table sizes, warm-ups and all).
            Expires = DateTime.UtcNow.AddHours(6),
            Claims = new Dictionary<string, object> { ["sub"] = BenchOrder.Owner },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(base64SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
