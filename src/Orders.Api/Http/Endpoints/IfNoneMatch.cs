using Microsoft.Net.Http.Headers;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// A request's If-None-Match (RFC 9110 §13.1.2): one or more entity tags, or <c>*</c>. Only asked for
/// when the header is there, so a plain GET reads the order as before, in one round trip.
/// </summary>
internal sealed class IfNoneMatch(IList<EntityTagHeaderValue> tags)
{
    /// <summary>
    /// The request's condition, or null when it sent none or one that does not parse: an unreadable
    /// condition is ignored (RFC 9110 §13.1 lets a server do so), so the client gets the order, not an error.
    /// </summary>
    public static IfNoneMatch? Of(HttpRequest request) =>
        request.Headers.IfNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseStrictList(request.Headers.IfNoneMatch, out var tags)
        && tags.Count > 0
            ? new IfNoneMatch(tags)
            : null;

    /// <summary>
    /// True when the current tag is among those sent, or <c>*</c> was sent (the order exists). Weak
    /// comparison, as §13.1.2 asks: a <c>W/</c> copy of our tag a cache made still means "unchanged".
    /// </summary>
    public bool Matches(string currentETag)
    {
        var current = EntityTagHeaderValue.Parse(currentETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
