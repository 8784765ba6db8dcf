using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Security;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Unit;

/// <summary>
/// A token is validated once and its result reused, but never past any point where the full validation
/// could answer differently: its expiry (plus the allowed skew), the cache's lifetime, a reload of the
/// signing keys. Refusals are never kept, and the cache stays within its capacity.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();
    private readonly IConfigurationRoot _configuration =
        new ConfigurationBuilder().Add(new MemoryConfigurationSource { InitialData = TestTokens.Settings }).Build();
    private readonly ConfiguredSigningKeys _keys;

    public ValidatedTokenCacheTests() =>
        // One instance, as the app's options hold one for as long as they live.
        _keys = new ConfiguredSigningKeys(_configuration.GetSection("Authentication:Schemes:Bearer"), [TestTokens.Issuer], NullLogger.Instance);

    [Fact]
    public async Task TheSameTokenAgain_GetsTheFirstValidationsResult_WithoutValidatingAgain()
    {
        var handler = Handler();
        var token = TestTokens.Mint();

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.Same(first, second);
        Assert.Equal(1, _inner.Calls);
    }

    [Fact]
    public async Task EachTokenIsValidatedOnItsOwn()
    {
        var handler = Handler();

        var ada = await handler.ValidateTokenAsync(TestTokens.Mint("ada"), Parameters());
        var bob = await handler.ValidateTokenAsync(TestTokens.Mint("bob"), Parameters());

        Assert.Equal("ada", ada.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("bob", bob.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task ATokenIsValidatedAgain_OnceTheCachesLifetimeHasPassed()
    {
        var handler = Handler();
        var token = TestTokens.Mint();
        await handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Calls);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task AKeptToken_IsNotUsedPastItsExpiryAndTheAllowedSkew()
    {
        var cache = new ValidatedTokenCache(Lifetime, _clock);
        var parameters = Parameters(clockSkew: TimeSpan.FromSeconds(5));
        var expires = _clock.GetUtcNow().UtcDateTime.AddSeconds(10);
        var token = TestTokens.Mint(expires: expires);
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        Assert.True(result.IsValid);
        cache.Keep(token, parameters, ValidatedTokenCache.KeysOf(parameters), result);

        // exp is whole seconds: the entry holds until exp + skew, and not one tick longer.
        var until = DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(expires).ToUnixTimeSeconds()) + TimeSpan.FromSeconds(5);
        _clock.SetUtcNow(until - TimeSpan.FromMilliseconds(1));
        Assert.Same(result, cache.Find(token, parameters));
        _clock.SetUtcNow(until);
        Assert.Null(cache.Find(token, parameters));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ARefusedToken_IsNeverKept_AndIsValidatedEachTime()
    {
        var handler = Handler();
        var forged = TestTokens.Mint(signingKey: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var first = await handler.ValidateTokenAsync(forged, Parameters());
        var second = await handler.ValidateTokenAsync(forged, Parameters());

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task AReloadOfTheSigningKeys_EndsEveryKeptToken()
    {
        var handler = Handler();
        var token = TestTokens.Mint();
        var parameters = Parameters();
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        // The operator replaces the key (a leaked one, say): the token it signed must stop working now,
        // not when the cache would have let it go.
        TestTokens.ReplaceSigningKey(_configuration);

        var after = await handler.ValidateTokenAsync(token, parameters);
        Assert.False(after.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task AValidationTheKeysReloadDuring_IsNotKeptUnderTheNewKeys()
    {
        // The validation passes under the old key, and the reload lands before it returns.
        var reloading = new ReloadingHandler(_inner, () => TestTokens.ReplaceSigningKey(_configuration));
        var handler = new CachingTokenHandler(reloading, new ValidatedTokenCache(Lifetime, _clock));
        var token = TestTokens.Mint();
        var parameters = Parameters();

        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        var after = await handler.ValidateTokenAsync(token, parameters);

        Assert.False(after.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task TheCache_NeverHoldsMoreTokensThanItsCapacity()
    {
        var cache = new ValidatedTokenCache(Lifetime, _clock, capacity: 3);
        var handler = new CachingTokenHandler(_inner, cache);

        for (var i = 0; i < 10; i++)
        {
            Assert.True((await handler.ValidateTokenAsync(TestTokens.Mint($"owner-{i}"), Parameters())).IsValid);
            Assert.InRange(cache.Count, 1, 3);
        }
    }

    [Fact]
    public async Task WhenFull_ExpiredTokensMakeRoom_BeforeLiveOnesAreDropped()
    {
        var cache = new ValidatedTokenCache(Lifetime, _clock, capacity: 2);
        var handler = new CachingTokenHandler(_inner, cache);
        var early = TestTokens.Mint("early");
        await handler.ValidateTokenAsync(early, Parameters());
        _clock.Advance(Lifetime / 2);
        var live = TestTokens.Mint("live");
        await handler.ValidateTokenAsync(live, Parameters());
        _clock.Advance(Lifetime / 2);

        await handler.ValidateTokenAsync(TestTokens.Mint("new"), Parameters());
        await handler.ValidateTokenAsync(live, Parameters());

        Assert.Equal(3, _inner.Calls);
        Assert.Equal(2, cache.Count);
    }

    private CachingTokenHandler Handler() => new(_inner, new ValidatedTokenCache(Lifetime, _clock));

    private TokenValidationParameters Parameters(TimeSpan? clockSkew = null) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKeys = _keys,
        ClockSkew = clockSkew ?? TokenValidationParameters.DefaultClockSkew,
    };

    /// <summary>Validates with <paramref name="inner"/>, then runs <paramref name="afterFirst"/> once before answering.</summary>
    private sealed class ReloadingHandler(TokenHandler inner, Action afterFirst) : TokenHandler
    {
        private Action? _pending = afterFirst;

        public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            var result = await inner.ValidateTokenAsync(token, validationParameters);
            Interlocked.Exchange(ref _pending, null)?.Invoke();
            return result;
        }
    }

    /// <summary>The real validation, counted.</summary>
    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _real = new() { MapInboundClaims = false };
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            return _real.ValidateTokenAsync(token, validationParameters);
        }
    }
}
