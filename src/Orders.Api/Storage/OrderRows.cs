using Dapper;
using Orders.Api.Model;

namespace Orders.Api.Storage;

/// <summary>
/// An orders row as a store reads it back: the columns of <see cref="OrderColumns.Header"/>, in its
/// order (Dapper maps a row to a record's constructor by position). Ids and times come in the
/// store's own representation: Guid and DateTime, or text on SQLite; <typeparamref name="TMaybeTime"/>
/// is the nullable form of the time (DateTime? or string?), which a generic cannot spell for both.
/// </summary>
internal sealed record OrderHeaderRow<TId, TTime, TMaybeTime>(
    TId OrderId,
    string Owner,
    string ClientReference,
    string Status,
    string Currency,
    string CustomerEmail,
    string? CustomerName,
    string? CustomerPhone,
    string? ShipLine1,
    string? ShipLine2,
    string? ShipCity,
    string? ShipPostalCode,
    string? ShipCountry,
    long Total,
    long Version,
    TTime CreatedAt,
    TMaybeTime CancelledAt,
    string? CancellationReason,
    TMaybeTime FulfilledAt,
    string? Carrier,
    string? TrackingNumber)
{
    /// <summary>The domain order of this row and its lines, with the id and times it stands for.</summary>
    public Order ToOrder(Guid orderId, DateTime createdAt, DateTime? cancelledAt, DateTime? fulfilledAt, IEnumerable<OrderLineRow> lines) => new(
        orderId,
        Owner,
        ClientReference,
        Status,
        Currency,
        new Customer(CustomerEmail, CustomerName, CustomerPhone),
        // The address columns are all set or all null (a CHECK constraint says so).
        ShipLine1 is null ? null : new ShippingAddress(ShipLine1, ShipLine2, ShipCity!, ShipPostalCode!, ShipCountry!),
        [.. lines.OrderBy(line => line.LineNumber).Select(line => new OrderLine(line.LineNumber, line.Sku, line.Quantity, line.UnitPrice, line.LineTotal))],
        Total,
        DateTime.SpecifyKind(createdAt, DateTimeKind.Utc),
        Version,
        Utc(cancelledAt),
        CancellationReason,
        Utc(fulfilledAt),
        Carrier,
        TrackingNumber);

    private static DateTime? Utc(DateTime? time) => time is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : null;
}

/// <summary>
/// What a conditional GET reads (<see cref="OrderColumns.Version"/>): which order holds the reference,
/// and its version. Ids in the store's own representation (text on SQLite).
/// </summary>
internal sealed record OrderVersionRow<TId>(TId OrderId, long Version);

/// <summary>What a transition's batch reads back first (<see cref="OrderColumns.ChangeId"/>), in the store's own id type.</summary>
internal sealed record OrderChangeIdRow<TId>(TId? ChangeId);

/// <summary>An order_lines row.</summary>
internal sealed record OrderLineRow(Guid OrderId, int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal);

/// <summary>Assembles domain orders from rows, so every store answers with the same shape.</summary>
internal static class OrderRows
{
    public static Order ToOrder(OrderHeaderRow<Guid, DateTime, DateTime?> header, IEnumerable<OrderLineRow> lines) =>
        header.ToOrder(header.OrderId, header.CreatedAt, header.CancelledAt, header.FulfilledAt, lines);

    public static IReadOnlyList<Order> ToOrders(IEnumerable<OrderHeaderRow<Guid, DateTime, DateTime?>> headers, IEnumerable<OrderLineRow> lines)
    {
        var linesByOrder = lines.ToLookup(line => line.OrderId);
        return [.. headers.Select(header => ToOrder(header, linesByOrder[header.OrderId]))];
    }

    /// <summary>
    /// The parameters of an orders insert (<see cref="OrderColumns.HeaderValues"/>). Id and time come
    /// in the store's own representation (SQLite keeps both as text).
    /// </summary>
    public static DynamicParameters HeaderParameters(Order order, object orderId, object createdAt)
    {
        var parameters = new DynamicParameters();
        parameters.Add(OrderColumns.OrderIdParameter, orderId);
        foreach (var value in OrderColumns.HeaderValues)
        {
            parameters.Add(value.Name, value.ValueOf(order), value.TextOf is null ? System.Data.DbType.Int64 : System.Data.DbType.String);
        }
        parameters.Add(OrderColumns.CreatedAtParameter, createdAt);
        return parameters;
    }
}
