namespace Orders.Api.Storage.Sqlite;

/// <summary>A line as SQLite returns it (id as text, integers as 64-bit), converted to the shared shape.</summary>
internal sealed record SqliteLineRow(string OrderId, long LineNumber, string Sku, long Quantity, long UnitPrice, long LineTotal)
{
    public OrderLineRow ToShared() =>
        new(SqliteValues.ParseId(OrderId), checked((int)LineNumber), Sku, checked((int)Quantity), UnitPrice, LineTotal);
}
