using System.Globalization;

namespace Orders.Api.Contracts;

/// <summary>
/// The entity tag of an order: a strong, quoted, opaque token made of the order's id and its version,
/// <c>"019ab1c27d3e7a108b5c3e2f1a0b9c8d.1"</c>. Clients compare it and send it back (If-None-Match now,
/// If-Match for cancel and change); they must not take it apart (docs/design.md, "ETags").
/// </summary>
/// <remarks>
/// Why these parts: the version changes with every change of the stored order, so a tag names one state
/// of it; the id makes a tag of one order never match another's, whatever a client mixes up, for 33
/// characters more. Derived, not stored or hashed: the store reads the version alone (one row by the
/// unique key) and the tag follows without the order's lines or its JSON, which is what makes a 304 cheap.
/// Strong, because the next slice's If-Match compares strongly (RFC 9110 §13.1.1: a weak tag never
/// matches there), and because one version of an order always serializes to the same bytes.
/// </remarks>
public static class OrderETag
{
    public static string Of(Guid orderId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{orderId:N}.{version}\"");

    public static string Of(Model.Order order) => Of(order.OrderId, order.Version);

    /// <summary>
    /// The id and version a tag of ours names (quotes included, as a header carries it), or false for
    /// anything else: a tag we never made can only fail to match.
    /// </summary>
    public static bool TryParse(string tag, out Guid orderId, out long version)
    {
        orderId = Guid.Empty;
        version = 0;
        var inner = tag.AsSpan();
        if (inner.Length < 3 || inner[0] != '"' || inner[^1] != '"')
        {
            return false;
        }
        inner = inner[1..^1];
        var dot = inner.IndexOf('.');
        return dot > 0
            && Guid.TryParseExact(inner[..dot], "N", out orderId)
            && long.TryParse(inner[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version >= 1;
    }
}
