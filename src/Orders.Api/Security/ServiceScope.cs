using System.Security.Claims;

namespace Orders.Api.Security;

/// <summary>
/// A service's scope in a bearer token: the <c>scope</c> claim (RFC 8693 §4.2), one space-separated
/// string or, as <c>dotnet user-jwts create --scope</c> writes several, one claim per scope. Only that
/// claim counts: the same text in <c>scp</c>, <c>roles</c> or the subject grants nothing, and a scope
/// is matched whole, never as a prefix or a substring.
/// </summary>
internal static class ServiceScope
{
    public const string Claim = "scope";

    /// <summary>The setting that names the fulfilment service's scope.</summary>
    public const string FulfilmentSetting = "Authentication:FulfilmentScope";

    public const string DefaultFulfilment = "orders:fulfil";

    /// <summary>True when one of the user's scope claims lists <paramref name="scope"/>.</summary>
    public static bool Holds(ClaimsPrincipal user, string scope)
    {
        // Walked by hand, not FindAll + Split: the owner policy asks this on every customer request.
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (claim.Type == Claim && Lists(claim.Value, scope))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Lists(string scopes, string scope)
    {
        foreach (var range in scopes.AsSpan().Split(' '))
        {
            if (scopes.AsSpan(range).SequenceEqual(scope))
            {
                return true;
            }
        }
        return false;
    }
}
