using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orders.Api.Http.Endpoints;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// The fulfilment route's owner, read whole from the raw request target: Kestrel's routing leaves %2F
/// undecoded in a route value, so a subject with slashes would otherwise not be found.
/// </summary>
public sealed class OwnerSegmentTests
{
    [Theory]
    [InlineData("/owners/https%3A%2F%2Fidp.example%2Fusers%2F42/orders/r-1/fulfilment", "https://idp.example/users/42")]
    [InlineData("/owners/https%3A%2F%2Fidp.example%2Fusers%2F42/orders/r-1/fulfilment/", "https://idp.example/users/42")]
    [InlineData("/owners/auth0%7Cabc%20def/orders/r-1/fulfilment?x=%2F", "auth0|abc def")]
    [InlineData("/owners/a%252Fb/orders/r-1/fulfilment", "a%2Fb")]
    [InlineData("/base/owners/%C3%BC/orders/r-1/fulfilment", "ü")]
    public void TheOwner_IsTheRawSegmentUnescaped(string rawTarget, string owner) =>
        Assert.Equal(owner, OwnerSegment.Of(ContextWith(rawTarget), "routed"));

    [Theory]
    [InlineData("")] // a server that gives no raw target (the test host)
    [InlineData("*")]
    [InlineData("/OWNERS/x/ORDERS/r-1/FULFILMENT")] // routing's case-insensitive match: the routed value stands
    public void WithoutARawTargetOfTheRoutesShape_TheRoutedValueStands(string rawTarget) =>
        Assert.Equal("routed", OwnerSegment.Of(ContextWith(rawTarget), "routed"));

    private static DefaultHttpContext ContextWith(string rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        return context;
    }
}
