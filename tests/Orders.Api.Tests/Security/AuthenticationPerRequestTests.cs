using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Security;

/// <summary>
/// An order request validates its bearer token once: the authorization policy uses the user the
/// authentication middleware set, rather than authenticating the scheme again, and the token is not
/// copied into the authentication properties (nothing reads it from there).
/// </summary>
public sealed class AuthenticationPerRequestTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task AnOrderRequest_AuthenticatesOnce_AndKeepsNoCopyOfTheToken()
    {
        var calls = new List<AuthenticateResult>();
        await using var factory = OrdersApiFactory.For(database, services: services =>
        {
            var original = services.Last(descriptor => descriptor.ServiceType == typeof(IAuthenticationService));
            services.Remove(original);
            services.AddScoped<IAuthenticationService>(provider => new Recording(
                (IAuthenticationService)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), calls));
        });
        var client = factory.CreateClient();

        var response = await client.PostOrderAsync(OrderRequests.Valid(OrderRequests.NewReference()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = Assert.Single(calls);
        Assert.True(result.Succeeded);
        Assert.Null(result.Properties?.GetTokenValue("access_token"));
    }

    private sealed class Recording(IAuthenticationService inner, List<AuthenticateResult> calls) : IAuthenticationService
    {
        public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            var result = await inner.AuthenticateAsync(context, scheme);
            lock (calls)
            {
                calls.Add(result);
            }
            return result;
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
            inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.SignOutAsync(context, scheme, properties);
    }
}
