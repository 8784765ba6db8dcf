using Orders.Api.Model;

namespace Orders.Bench;

/// <summary>
/// The one order every benchmark path sends: the same as bench/wrk/order.lua's body and the rows
/// bench/sql/seed.sql bulk-loads, so the API, the raw path and the seeded data agree.
/// </summary>
public static class BenchOrder
{
    public const string Owner = "default";

    public static OrderDraft Draft(string clientReference) => new(
        clientReference,
        "EUR",
        new Customer("bench@example.com", "Bench", null),
        new ShippingAddress("1 Bench Street", null, "Berlin", "10117", "DE"),
        [new OrderLineDraft("SKU-1", 2, 1999), new OrderLineDraft("SKU-2", 1, 500)]);

    /// <summary>The reference of one of the <paramref name="seeded"/> bulk-loaded orders ("seed-1" …).</summary>
    public static string SeedReference(int number, int seeded) => $"seed-{1 + (int)((uint)number % (uint)seeded)}";
}
