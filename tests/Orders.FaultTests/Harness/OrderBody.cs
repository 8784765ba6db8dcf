using System.Text.Json;

namespace Orders.FaultTests.Harness;

/// <summary>
/// One order request as the client keeps it for retries. The number of lines varies (1 to 4) so a
/// partial order, a header with some of its lines, would show in the ledger check.
/// </summary>
public sealed record OrderBody(string Reference, int Lines, long Total, string Json)
{
    private const long UnitPrice = 1250;

    public static OrderBody For(string reference, int lines)
    {
        var lineItems = Enumerable.Range(1, lines)
            .Select(n => new { sku = $"SKU-{n}", quantity = n, unitPrice = UnitPrice })
            .ToArray();
        var json = JsonSerializer.Serialize(new
        {
            clientReference = reference,
            currency = "EUR",
            customer = new { email = "fault@example.com", name = "Fault Test" },
            lines = lineItems,
        });
        return new OrderBody(reference, lines, lineItems.Sum(line => line.quantity * line.unitPrice), json);
    }

    /// <summary>A fresh reference; the number decides the line count, so runs are reproducible in shape.</summary>
    public static OrderBody New(string prefix, int number) => For($"{prefix}-{number}-{Guid.NewGuid():N}", 1 + (number % 4));
}
