using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Security;

/// <summary>
/// The tokens validated in the last lifetime (<c>Authentication:TokenCacheSeconds</c>), keyed by the exact token text, so a client
/// sending the same token on every request has its signature checked and its claims parsed once a
/// minute instead of on every request (0.007-0.013 ms of CPU per request, the largest part of what
/// authentication cost under the benchmark: docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Only what the full validation accepted is kept, and an entry is used only while every reason to
/// refuse the token again is known not to apply: before its <c>exp</c> (plus the clock skew the
/// validation allows), within the lifetime of its validation, and while the configured signing
/// keys are the ones it was validated with (a key removed from configuration ends its tokens at once).
/// A key the identity provider withdraws (Authority) is honoured for at most the lifetime longer, well
/// within the provider's own metadata refresh. The cache holds at most its capacity of tokens
/// (<see cref="DefaultCapacity"/> unless a test says otherwise): when full, expired entries go, and if none has, all of them.
/// The cached identity is shared by every request bearing the same token: read it, never change it.
/// </remarks>
internal sealed class ValidatedTokenCache(TimeSpan lifetime, TimeProvider clock, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <returns>The result the validation gave <paramref name="token"/>, if it still holds.</returns>
    public TokenValidationResult? Find(string token, TokenValidationParameters parameters)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }
        if (clock.GetUtcNow() < entry.Until && ReferenceEquals(entry.Keys, KeysOf(parameters)))
        {
            return entry.Result;
        }
        _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
        return null;
    }

    /// <summary>Keeps a successful validation of <paramref name="token"/>; anything else is not kept.</summary>
    /// <param name="token">The token, as sent.</param>
    /// <param name="parameters">The parameters it was validated with.</param>
    /// <param name="keys">The signing keys' version read before the validation began (<see cref="KeysOf"/>):
    /// a reload during the validation then leaves the entry already ended, never under the new keys.</param>
    /// <param name="result">What the validation answered.</param>
    public void Keep(string token, TokenValidationParameters parameters, object? keys, TokenValidationResult result)
    {
        if (!result.IsValid || result.SecurityToken is not { } validated)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var until = now + lifetime;
        // DateTime.MinValue: no exp (accepted only where expiry is not required); then the lifetime alone.
        if (parameters.ValidateLifetime && validated.ValidTo != DateTime.MinValue)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc)) + parameters.ClockSkew;
            until = expires < until ? expires : until;
        }
        if (until <= now)
        {
            return;
        }
        if (_entries.Count >= capacity)
        {
            MakeRoom(now);
        }
        _entries[token] = new Entry(result, until, keys);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (token, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(token, out _);
            }
        }
        if (_entries.Count >= capacity)
        {
            // Full of live tokens (far more clients than a minute's worth of one API usually sees):
            // start again rather than track which is oldest; each is validated once more when next seen.
            _entries.Clear();
        }
    }

    /// <summary>The version of the configured signing keys, which are replaced as a whole on reload; null for other key sources, which are fixed.</summary>
    public static object? KeysOf(TokenValidationParameters parameters) =>
        (parameters.IssuerSigningKeys as ConfiguredSigningKeys)?.Version;

    private sealed record Entry(TokenValidationResult Result, DateTimeOffset Until, object? Keys);
}
