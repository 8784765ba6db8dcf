using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Orders.Api.Observability;

namespace Orders.Api.Security;

/// <summary>
/// JWT bearer authentication, configured entirely from <c>Authentication:Schemes:Bearer</c> (the shape
/// `dotnet user-jwts` writes: ValidIssuer, ValidAudiences, SigningKeys; or Authority for an OIDC
/// provider). Every customer endpoint requires a token whose <c>sub</c> names the owner and that is
/// not a service's; the fulfilment endpoint requires the fulfilment scope (<see cref="ServiceScope"/>).
/// </summary>
internal static class AuthenticationSetup
{
    public const string OwnerPolicy = "OrderOwner";

    public const string FulfilmentPolicy = "FulfilmentService";

    /// <summary>The width of the owner_id column.</summary>
    public const int MaxOwnerLength = 255;

    public static IServiceCollection AddOrdersAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var fulfilmentScope = configuration[ServiceScope.FulfilmentSetting] is { Length: > 0 } configured ? configured : ServiceScope.DefaultFulfilment;
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, SigningKeysFromConfiguration>();
        var tokenCacheSeconds = TokenCaching.SecondsFrom(configuration);
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(provider =>
            new TokenCaching(tokenCacheSeconds, provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MissingSigningKeyWarning>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<OrdersMetrics>((options, metrics) =>
        {
            // Keep "sub" as "sub" rather than the long legacy claim type it would be mapped to.
            options.MapInboundClaims = false;
            // Nothing reads the token back from the authentication properties: do not copy it there.
            options.SaveToken = false;
            options.Events = new JwtBearerEvents
            {
                OnChallenge = context =>
                {
                    TokenRefusal.Explain(context);
                    return Count(metrics);
                },
                OnForbidden = _ => Count(metrics),
            };
        });
        // No AddAuthenticationSchemes: the bearer scheme is the default, so the authentication middleware
        // has already set the user; naming it again makes the policy authenticate a second time per
        // request (a cached result, but a new merged principal each time).
        services.AddAuthorizationBuilder().AddPolicy(OwnerPolicy, policy => policy
            .RequireAuthenticatedUser()
            // The owner is stored and compared as text: it must fit the column, be plain text, and end in no space.
            .RequireAssertion(context => OrderOwner.Of(context.User) is { } owner && OrderOwner.CanOwn(owner)
                // A service is not an owner, whatever its subject: it may not place or read orders as one.
                && !ServiceScope.Holds(context.User, fulfilmentScope)))
            .AddPolicy(FulfilmentPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ServiceScope.Holds(context.User, fulfilmentScope)));
        return services;
    }

    private static Task Count(OrdersMetrics metrics)
    {
        metrics.Rejected(OrdersMetrics.Reasons.Auth);
        return Task.CompletedTask;
    }
}
