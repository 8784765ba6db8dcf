using Orders.Api.Model;

namespace Orders.Api.Tests.Unit;

public sealed class OrderFactoryTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Create_ComputesLineTotalsAndTotal_InMinorUnits()
    {
        var order = new OrderFactory(TimeProvider.System).Create("owner", new OrderDraft(
            "r", "EUR", new Customer("a@b.c", null, null), null,
            [new OrderLineDraft("A", 3, 1999), new OrderLineDraft("B", 1000, 100_000_000)]));

        Assert.Equal([5997L, 100_000_000_000L], order.Lines.Select(line => line.LineTotal));
        Assert.Equal(100_000_005_997L, order.Total);
        Assert.Equal([1, 2], order.Lines.Select(line => line.LineNumber));
        Assert.Equal(Order.PlacedStatus, order.Status);
    }

    [Fact]
    public void Create_TruncatesTimeToMicroseconds_InUtc_AndUsesAVersion7Id()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var order = new OrderFactory(new FixedClock(now)).Create("owner", new OrderDraft(
            "r", "EUR", new Customer("a@b.c", null, null), null, [new OrderLineDraft("A", 1, 1)]));

        Assert.Equal(DateTimeKind.Utc, order.CreatedAt.Kind);
        Assert.Equal(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), order.CreatedAt);
        Assert.Equal(7, order.OrderId.Version);
    }

    [Fact]
    public void Totals_AreCheckedArithmetic()
    {
        Assert.Throws<OverflowException>(() => OrderTotals.LineTotal(int.MaxValue, long.MaxValue / 2));
        Assert.Throws<OverflowException>(() => OrderTotals.Total([long.MaxValue, 1]));
    }
}
