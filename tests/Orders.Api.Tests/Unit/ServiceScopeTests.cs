using System.Security.Claims;
using Orders.Api.Security;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// <see cref="ServiceScope.Holds"/>: only a <c>scope</c> claim counts, on any of the user's identities,
/// one space-separated list or several claims; a scope matches whole and by its exact characters.
/// </summary>
public sealed class ServiceScopeTests
{
    private const string Scope = "orders:fulfil";

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "Bearer"));

    [Theory]
    [InlineData(Scope)]
    [InlineData("orders:fulfil orders:read")]
    [InlineData("orders:read orders:fulfil")]
    [InlineData("profile orders:fulfil orders:read")]
    [InlineData("orders:read  orders:fulfil")]
    [InlineData(" orders:fulfil ")]
    public void AScopeClaimListingTheScope_Holds(string scopes)
    {
        Assert.True(ServiceScope.Holds(User(("sub", "svc"), ("scope", scopes)), Scope));
    }

    [Fact]
    public void OneOfSeveralScopeClaims_Holds()
    {
        Assert.True(ServiceScope.Holds(User(("scope", "orders:read"), ("scope", "profile"), ("scope", Scope)), Scope));
    }

    [Fact]
    public void AScopeClaimOnASecondIdentity_Holds()
    {
        var user = User(("sub", "svc"));
        user.AddIdentity(new ClaimsIdentity([new Claim("scope", Scope)], "Other"));

        Assert.True(ServiceScope.Holds(user, Scope));
    }

    [Theory]
    [InlineData("orders:fulfilment")]
    [InlineData("orders:fulfil2")]
    [InlineData("xorders:fulfil")]
    [InlineData("orders:")]
    [InlineData("fulfil")]
    [InlineData("Orders:Fulfil")]
    [InlineData("ORDERS:FULFIL")]
    [InlineData("orders:read,orders:fulfil")]
    [InlineData("orders:read\torders:fulfil")]
    [InlineData("orders:read\u00A0orders:fulfil")]
    [InlineData("orders%3Afulfil")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{\"orders:fulfil\":true}")]
    [InlineData("[\"orders:fulfil\"]")]
    public void AScopeClaimNotListingTheScopeWhole_DoesNotHold(string scopes)
    {
        Assert.False(ServiceScope.Holds(User(("scope", scopes)), Scope));
    }

    [Theory]
    [InlineData("scp")]
    [InlineData("roles")]
    [InlineData("role")]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("Scope")]
    [InlineData("SCOPE")]
    [InlineData("http://schemas.microsoft.com/identity/claims/scope")]
    [InlineData(ClaimTypes.Role)]
    public void TheScopeInAnyOtherClaim_DoesNotHold(string type)
    {
        Assert.False(ServiceScope.Holds(User((type, Scope)), Scope));
    }

    [Fact]
    public void NoClaimsAtAll_DoNotHold()
    {
        Assert.False(ServiceScope.Holds(new ClaimsPrincipal(new ClaimsIdentity()), Scope));
        Assert.False(ServiceScope.Holds(new ClaimsPrincipal(), Scope));
    }

    [Fact]
    public void TheScopeAskedFor_IsTheOneMatched()
    {
        var user = User(("scope", "orders:read warehouse:ship"));

        Assert.True(ServiceScope.Holds(user, "warehouse:ship"));
        Assert.False(ServiceScope.Holds(user, Scope));
    }
}
