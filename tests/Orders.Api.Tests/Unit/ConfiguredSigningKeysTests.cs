using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Security;

namespace Orders.Api.Tests.Unit;

public sealed class ConfiguredSigningKeysTests
{
    private const string Issuer = "dotnet-user-jwts";

    [Fact]
    public void EveryToken_GetsTheSameKeyInstances()
    {
        var keys = KeysOf(new ConfigurationBuilder().AddInMemoryCollection(Key(0, Issuer, NewKey())).Build());

        var first = keys.ToArray();
        var second = keys.ToArray();

        Assert.Single(first);
        // The same instance: its id hash and crypto provider are computed once, not per token.
        Assert.Same(first[0], second[0]);
    }

    [Fact]
    public void AKeyAddedAfterStart_IsUsedAfterTheConfigurationReloads()
    {
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource();
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var keys = KeysOf(configuration);
        Assert.Empty(keys);
        var added = NewKey();

        // As a user-secrets file written by `dotnet user-jwts create` while the API runs.
        foreach (var (name, value) in Key(0, Issuer, added))
        {
            configuration[name] = value;
        }
        configuration.Reload();

        var key = Assert.IsType<SymmetricSecurityKey>(Assert.Single(keys));
        Assert.Equal(Convert.FromBase64String(added), key.Key);
    }

    [Fact]
    public void KeysOfOtherIssuers_AndValuesThatAreNotKeys_AreLeftOut()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            Key(0, "someone-else", NewKey()).Concat(Key(1, Issuer, "not base64!")).Concat(Key(2, Issuer, Convert.ToBase64String(new byte[8])))).Build();

        Assert.Empty(KeysOf(configuration));
    }

    private static ConfiguredSigningKeys KeysOf(IConfiguration configuration) =>
        new(configuration.GetSection("Authentication:Schemes:Bearer"), [Issuer], NullLogger.Instance);

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string?> Key(int index, string issuer, string value) => new()
    {
        [$"Authentication:Schemes:Bearer:SigningKeys:{index}:Issuer"] = issuer,
        [$"Authentication:Schemes:Bearer:SigningKeys:{index}:Value"] = value,
    };
}
