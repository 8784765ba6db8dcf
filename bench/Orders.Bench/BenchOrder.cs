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

    /// <summary>
    /// The body bench/wrk/common.lua's order_body sends, byte for byte: the replay server
    /// (<see cref="Replay"/>) keys its request hash on the body's bytes, so the clients that place the
    /// orders wrk then repeats must send the very same bytes.
    /// </summary>
    public static string Json(string reference) =>
        "{\"clientReference\":\"" + reference + "\",\"currency\":\"EUR\"," +
        "\"customer\":{\"email\":\"bench@example.com\",\"name\":\"Bench\"}," +
        "\"shippingAddress\":{\"line1\":\"1 Bench Street\",\"line2\":null,\"city\":\"Berlin\",\"postalCode\":\"10117\",\"country\":\"DE\"}," +
        "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999},{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":500}]}";

    /// <summary>The reference of one of the <paramref name="seeded"/> bulk-loaded orders ("seed-1" …).</summary>
    public static string SeedReference(int number, int seeded) => $"seed-{1 + (int)((uint)number % (uint)seeded)}";
}
