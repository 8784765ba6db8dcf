using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Security;

namespace Orders.Api.Tests.Unit;

public sealed class CachedSigningKeysTests
{
    [Fact]
    public void TheConfiguredResolver_RunsOnce_ForManyTokens()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var (options, calls) = OptionsWithCountingResolver();

        new CachedSigningKeys(configuration).PostConfigure(JwtBearerDefaults.AuthenticationScheme, options);
        var first = Resolve(options);
        var second = Resolve(options);

        Assert.Equal(1, calls());
        Assert.Same(first, second);
    }

    [Fact]
    public void AConfigurationReload_MakesTheNextTokenReadTheKeysAgain()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var (options, calls) = OptionsWithCountingResolver();
        new CachedSigningKeys(configuration).PostConfigure(JwtBearerDefaults.AuthenticationScheme, options);
        Resolve(options);

        configuration.Reload();
        Resolve(options);

        Assert.Equal(2, calls());
    }

    [Fact]
    public void WithoutAConfiguredResolver_NothingIsInstalled()
    {
        var options = new JwtBearerOptions();

        new CachedSigningKeys(new ConfigurationBuilder().Build()).PostConfigure(JwtBearerDefaults.AuthenticationScheme, options);

        Assert.Null(options.TokenValidationParameters.IssuerSigningKeyResolver);
    }

    private static (JwtBearerOptions Options, Func<int> Calls) OptionsWithCountingResolver()
    {
        var calls = 0;
        var options = new JwtBearerOptions();
        // As ASP.NET Core's configuration-based resolver: a new key object on every call.
        options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) =>
        {
            calls++;
            return [new SymmetricSecurityKey(new byte[32])];
        };
        return (options, () => calls);
    }

    private static IEnumerable<SecurityKey> Resolve(JwtBearerOptions options) =>
        options.TokenValidationParameters.IssuerSigningKeyResolver("token", null, null, options.TokenValidationParameters);
}
