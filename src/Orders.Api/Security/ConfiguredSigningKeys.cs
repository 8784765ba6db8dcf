using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Api.Security;

/// <summary>
/// The symmetric signing keys under <c>Authentication:Schemes:Bearer:SigningKeys</c> (the shape
/// `dotnet user-jwts` writes) for the accepted issuers, decoded once per configuration change.
/// </summary>
/// <remarks>
/// ASP.NET Core hands JwtBearer a lazy sequence that walks the configuration tree and decodes a new key
/// object each time a token is validated (twice per token), and every new key object is hashed again
/// for its id in the crypto-provider cache. Here a token only reads a field: the same key instances
/// serve every token until the configuration reloads (a key added by `dotnet user-jwts create` while
/// the API runs, a changed appsettings file), which reads the section again.
/// </remarks>
internal sealed class ConfiguredSigningKeys : IEnumerable<SecurityKey>
{
    private readonly IConfiguration _scheme;
    private readonly HashSet<string> _issuers;
    private readonly ILogger _logger;
    private SecurityKey[] _keys;

    public ConfiguredSigningKeys(IConfiguration scheme, IEnumerable<string?> issuers, ILogger logger)
    {
        _scheme = scheme;
        _issuers = issuers.OfType<string>().ToHashSet(StringComparer.Ordinal);
        _logger = logger;
        _keys = Read();
        // Lives as long as the options, which live as long as the app.
        ChangeToken.OnChange(scheme.GetReloadToken, () => Volatile.Write(ref _keys, Read()));
    }

    public int Count => Volatile.Read(ref _keys).Length;

    /// <summary>The keys read at the last reload: a new object each time the section is read again, so a
    /// token validated under other keys is known as such (<see cref="ValidatedTokenCache"/>).</summary>
    public object Version => Volatile.Read(ref _keys);

    public IEnumerator<SecurityKey> GetEnumerator() => ((IEnumerable<SecurityKey>)Volatile.Read(ref _keys)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private SecurityKey[] Read()
    {
        var keys = new List<SecurityKey>();
        foreach (var entry in _scheme.GetSection("SigningKeys").GetChildren())
        {
            // As ASP.NET Core: a key counts only for an issuer this API accepts.
            if (entry["Issuer"] is not { } issuer || !_issuers.Contains(issuer) || entry["Value"] is not { } value)
            {
                continue;
            }
            if (Decode(value) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                _logger.LogWarning("The signing key {Setting} is not a base64 key of at least 16 bytes; it is ignored.", entry.Path + ":Value");
            }
        }
        return [.. keys];
    }

    private static SymmetricSecurityKey? Decode(string value)
    {
        var bytes = new byte[value.Length];
        // HS256 needs a key of at least 128 bits; a shorter one would fail on every token instead.
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 16
            ? new SymmetricSecurityKey(bytes[..length])
            : null;
    }
}
