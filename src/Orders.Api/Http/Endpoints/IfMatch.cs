using Microsoft.Net.Http.Headers;
using Orders.Api.Contracts;
using Orders.Api.Storage;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// A request's If-Match (RFC 9110 §13.1.1): <c>*</c>, or entity tags compared strongly, so a
/// <c>W/</c> tag never matches. The store checks the condition in the same statement that writes, so
/// nothing can change between the check and the write.
/// </summary>
internal sealed class IfMatch
{
    /// <summary>A version no order has (versions start at 1): what a condition that names none of ours becomes.</summary>
    private static readonly OrderVersion MatchesNothing = new(Guid.Empty, 0);

    private readonly bool _any;
    private readonly IReadOnlyList<OrderVersion> _versions;

    private IfMatch(bool any, IReadOnlyList<OrderVersion> versions)
    {
        _any = any;
        _versions = versions;
    }

    /// <summary>The request's condition, or null when it sent no If-Match.</summary>
    /// <remarks>A header that does not parse can match no tag of ours: the write is refused with 412, never done unconditionally.</remarks>
    public static IfMatch? Of(HttpRequest request)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseStrictList(request.Headers.IfMatch, out var tags))
        {
            return new IfMatch(false, []);
        }
        var versions = new List<OrderVersion>();
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return new IfMatch(true, []);
            }
            if (!tag.IsWeak && OrderETag.TryParse(tag.Tag.ToString(), out var orderId, out var version))
            {
                versions.Add(new OrderVersion(orderId, version));
            }
        }
        return new IfMatch(false, versions);
    }

    /// <summary>
    /// The version the store must find, or null for <c>*</c> (any version of an existing order). One tag
    /// (what clients send) costs nothing; a list of several is narrowed to the current version if it is
    /// among them, with a read of the version first, and the write still checks it.
    /// </summary>
    public async Task<OrderVersion?> ExpectedAsync(IOrderStore store, string owner, string clientReference, CancellationToken ct)
    {
        if (_any)
        {
            return null;
        }
        switch (_versions.Count)
        {
            case 0:
                return MatchesNothing;
            case 1:
                return _versions[0];
            default:
                var current = await store.FindVersionAsync(owner, clientReference, ct);
                return current is not null && _versions.Contains(current) ? current : MatchesNothing;
        }
    }
}
