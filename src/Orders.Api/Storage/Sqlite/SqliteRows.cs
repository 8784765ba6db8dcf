namespace Orders.Api.Storage.Sqlite;

/// <summary>Rows as SQLite returns them (id and time as text), converted to the shared row shapes.</summary>
internal sealed record SqliteHeaderRow(
    string OrderId,
    string Owner,
    string ClientReference,
    string Status,
    string Currency,
    string CustomerEmail,
    string? CustomerName,
    string? ShipLine1,
    string? ShipLine2,
    string? ShipCity,
    string? ShipPostalCode,
    string? ShipCountry,
    long Total,
    string CreatedAt)
{
    public OrderHeaderRow ToShared() => new(
        SqliteValues.ParseId(OrderId), Owner, ClientReference, Status, Currency, CustomerEmail, CustomerName,
        ShipLine1, ShipLine2, ShipCity, ShipPostalCode, ShipCountry, Total, SqliteValues.ParseTime(CreatedAt));
}

internal sealed record SqliteLineRow(string OrderId, long LineNumber, string Sku, long Quantity, long UnitPrice, long LineTotal)
{
    public OrderLineRow ToShared() =>
        new(SqliteValues.ParseId(OrderId), checked((int)LineNumber), Sku, checked((int)Quantity), UnitPrice, LineTotal);
}
