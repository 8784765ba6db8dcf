using System.Security.Claims;

namespace Orders.Api.Security;

/// <summary>Whose orders a request may create and see: the token's subject.</summary>
internal static class OrderOwner
{
    /// <summary>The claim that names the owner. Inbound claim mapping is off, so it stays "sub".</summary>
    public const string Claim = "sub";

    /// <summary>Only called behind <see cref="AuthenticationSetup.OwnerPolicy"/>, which guarantees the claim.</summary>
    public static string Of(HttpContext context) => Of(context.User)
        ?? throw new InvalidOperationException("An order endpoint ran without an authenticated owner.");

    public static string? Of(ClaimsPrincipal user) =>
        user.FindFirst(Claim)?.Value is { Length: > 0 } subject ? subject : null;
}
