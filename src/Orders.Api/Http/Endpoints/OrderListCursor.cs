using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Api.Http.Endpoints;

/// <summary>
/// The opaque "next" cursor: the keyset (createdAt, orderId) of the last order on a page, base64url.
/// Clients pass it back unchanged; its format may change without notice.
/// </summary>
internal static class OrderListCursor
{
    public static string Encode(Order last) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            $"{last.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{last.OrderId:N}"));

    public static bool TryDecode(string cursor, out OrderPosition? position)
    {
        position = null;
        if (cursor.Length > 100 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            || !Guid.TryParseExact(parts[1], "N", out var orderId))
        {
            return false;
        }
        position = new OrderPosition(new DateTime(ticks, DateTimeKind.Utc), orderId);
        return true;
    }
}
