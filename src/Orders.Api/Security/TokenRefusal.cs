using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Security;

/// <summary>
/// Why a request's token was refused, in plain words, for the 401's problem detail and its
/// WWW-Authenticate error_description.
/// </summary>
/// <remarks>
/// ASP.NET Core's own descriptions mislead: a tampered signature reads "The signature key was not found",
/// and a wrong audience "The audience '(null)' is invalid". These say what is wrong with the token and
/// never what the server expects (no issuer, audience or key id of its configuration).
/// </remarks>
internal static class TokenRefusal
{
    public const string NoToken = "No bearer token was sent. Send one in the Authorization header: Authorization: Bearer <token>.";
    public const string Malformed = "The bearer token is not a well-formed JWT.";
    public const string Expired = "The token has expired. Get a new one from its issuer.";
    public const string NotYetValid = "The token is not valid yet: its nbf (not before) time is in the future.";
    public const string NoExpiry = "The token has no exp (expiry) claim; only tokens that expire are accepted.";
    public const string BadLifetime = "The token's validity period (nbf, exp) is not valid.";
    public const string BadSignature = "The token's signature does not verify: it was not signed with a key this API trusts, or it was changed after signing.";
    public const string BadAlgorithm = "The token is signed with an algorithm this API does not accept.";
    public const string WrongIssuer = "The token's issuer (iss) is not one this API accepts.";
    public const string WrongAudience = "The token's audience (aud) does not include this API.";
    public const string Refused = "The token was refused.";

    private static readonly object Key = new();

    /// <summary>Describes the failure on the challenge (header and, for the body, the request).</summary>
    public static void Explain(JwtBearerChallengeContext context)
    {
        var detail = Describe(context.AuthenticateFailure);
        context.HttpContext.Items[Key] = detail;
        // RFC 6750: a request without a token gets no error code, only the challenge.
        if (context.AuthenticateFailure is not null)
        {
            context.Error = "invalid_token";
            context.ErrorDescription = detail;
        }
    }

    /// <summary>What <see cref="Explain"/> said for this request, if the 401 came from a bearer challenge.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var detail) ? detail as string : null;

    public static string Describe(Exception? failure) => (failure is AggregateException { InnerExceptions: [var first, ..] } ? first : failure) switch
    {
        null => NoToken,
        SecurityTokenExpiredException => Expired,
        SecurityTokenNotYetValidException => NotYetValid,
        SecurityTokenNoExpirationException => NoExpiry,
        SecurityTokenInvalidLifetimeException => BadLifetime,
        SecurityTokenInvalidAlgorithmException => BadAlgorithm,
        // Includes "key not found": without a key id in the token every trusted key was tried and none matched.
        SecurityTokenInvalidSignatureException => BadSignature,
        SecurityTokenInvalidIssuerException => WrongIssuer,
        SecurityTokenInvalidAudienceException => WrongAudience,
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => Refused,
    };
}
