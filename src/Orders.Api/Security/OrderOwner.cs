using System.Security.Claims;
using Orders.Api.Model;

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

    /// <summary>
    /// True when <paramref name="owner"/> can own an order: it fits the owner_id column, is plain text,
    /// and does not end in a space. SQL Server's comparisons ignore trailing spaces, so there "ada " would
    /// reach every order of "ada" (its check forbids storing such an owner): no store may have one.
    /// </summary>
    public static bool CanOwn(string owner) =>
        owner.Length is > 0 and <= AuthenticationSetup.MaxOwnerLength && owner[^1] != ' ' && TextRules.IsWellFormed(owner);
}
