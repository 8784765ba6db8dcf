using System.Text.Json;
using Dapper;
using Orders.Api.Model;
using Orders.Api.Storage.Sqlite;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Contract;

/// <summary>
/// A database made by the first release (script 0001 only, journaled by DbUp) and holding orders is
/// migrated in place by the app's own start-up to the owner-led keys, and every order reads back
/// through the store exactly as it was written.
/// </summary>
public abstract class MigrationFromV1Contract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : class, IOrderDatabase
{
    [Fact]
    public async Task V1DatabaseWithOrders_MigratesInPlace_AndEveryOrderReadsBackUnchanged()
    {
        // Given a v1 database holding orders of several shapes and owners (one reference under two owners),
        TestRequirements.SkipOrFailWhenUnavailable(Database.Name, Database.UnavailableReason);
        SchemaVersions.ApplyUpTo(Database, lastScript: 1);
        var written = V1Orders();
        await using (var connection = Database.OpenConnection())
        {
            foreach (var order in written)
            {
                // The v1 orders columns, frozen as script 0001 made them: today's list may have grown since.
                await connection.ExecuteAsync(
                    """
                    INSERT INTO orders (order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
                                        ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at)
                    VALUES (@OrderId, @Owner, @ClientReference, @Status, @Currency, @CustomerEmail, @CustomerName,
                            @ShipLine1, @ShipLine2, @ShipCity, @ShipPostalCode, @ShipCountry, @Total, @CreatedAt)
                    """,
                    new
                    {
                        OrderId = Id(order.OrderId),
                        order.Owner,
                        order.ClientReference,
                        order.Status,
                        order.Currency,
                        CustomerEmail = order.Customer.Email,
                        CustomerName = order.Customer.Name,
                        ShipLine1 = order.ShippingAddress?.Line1,
                        ShipLine2 = order.ShippingAddress?.Line2,
                        ShipCity = order.ShippingAddress?.City,
                        ShipPostalCode = order.ShippingAddress?.PostalCode,
                        ShipCountry = order.ShippingAddress?.Country,
                        order.Total,
                        CreatedAt = Time(order.CreatedAt),
                    });
                // The v1 order_lines: no owner_id column yet.
                await connection.ExecuteAsync(
                    """
                    INSERT INTO order_lines (order_id, line_number, sku, quantity, unit_price, line_total)
                    VALUES (@OrderId, @LineNumber, @Sku, @Quantity, @UnitPrice, @LineTotal)
                    """,
                    order.Lines.Select(l => new { OrderId = Id(order.OrderId), l.LineNumber, l.Sku, l.Quantity, l.UnitPrice, l.LineTotal }));
            }
        }

        // when the app starts on it (and migrates),
        var store = StoreOf(StartFactory());

        // then every order reads back as written, alone and in its owner's listing.
        foreach (var order in written)
        {
            var read = await store.FindAsync(order.Owner, order.ClientReference, Ct);
            Assert.Equal(Describe(order), read is null ? "missing" : Describe(read));
        }
        foreach (var owner in written.Select(o => o.Owner).Distinct())
        {
            var expected = written.Where(o => o.Owner == owner).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId);
            var listed = await store.ListAsync(owner, null, 100, Ct);
            Assert.Equal(expected.Select(Describe), listed.Select(Describe));
        }
        Assert.Equal((written.Count, written.Sum(o => o.Lines.Count)), await Database.CountAllRowsAsync());
    }

    /// <summary>The id as the v1 schema stores it.</summary>
    protected virtual object Id(Guid orderId) => orderId;

    /// <summary>The time as the v1 schema stores it.</summary>
    protected virtual object Time(DateTime createdAt) => createdAt;

    private static string Describe(Order order) => JsonSerializer.Serialize(order);

    private static List<Order> V1Orders()
    {
        var start = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var orders = Enumerable.Range(1, 24).Select(n =>
        {
            var lines = Enumerable.Range(1, n % 4 + 1).Select(l => new OrderLine(l, $"SKU-{n}-{l}", l, 100 * n + l, l * (100 * n + l))).ToList();
            return new Order(
                Guid.CreateVersion7(start.AddMinutes(n)),
                n % 3 == 0 ? "bob" : "alice",
                n == 2 || n == 3 ? "shared-ref" : $"ref-{n}",
                Order.PlacedStatus,
                n % 2 == 0 ? "EUR" : "USD",
                new Customer($"c{n}@example.com", n % 4 == 0 ? null : $"Customer {n}", null),
                n % 2 == 0 ? new ShippingAddress($"{n} Main St", n % 4 == 0 ? "Flat 2" : null, "Berlin", "10117", "DE") : null,
                lines,
                lines.Sum(l => l.LineTotal),
                // Whole microseconds: what every store keeps.
                start.AddMinutes(n).AddTicks(n * 10),
                // What the version column's default gives every row that existed before it (0006/0008).
                Order.FirstVersion,
                CancelledAt: null,
                CancellationReason: null,
        FulfilledAt: null, Carrier: null, TrackingNumber: null);
        }).ToList();
        return orders;
    }
}

public sealed class PostgreSqlMigrationFromV1Contract(PostgreSqlDatabase database) : MigrationFromV1Contract<PostgreSqlDatabase>(database);

public sealed class CitusMigrationFromV1Contract(CitusDatabase database) : MigrationFromV1Contract<CitusDatabase>(database);

public sealed class SqliteMigrationFromV1Contract(SqliteDatabase database) : MigrationFromV1Contract<SqliteDatabase>(database)
{
    // SQLite keeps ids and times as text (SqliteValues).
    protected override object Id(Guid orderId) => SqliteValues.Id(orderId);

    protected override object Time(DateTime createdAt) => SqliteValues.Time(createdAt);
}
