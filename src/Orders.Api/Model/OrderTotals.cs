namespace Orders.Api.Model;

/// <summary>Money arithmetic in integer minor units; every operation is checked.</summary>
public static class OrderTotals
{
    /// <exception cref="OverflowException">The product does not fit in 64 bits.</exception>
    public static long LineTotal(int quantity, long unitPrice) => checked(quantity * unitPrice);

    /// <exception cref="OverflowException">The sum does not fit in 64 bits.</exception>
    public static long Total(IEnumerable<long> lineTotals)
    {
        long total = 0;
        foreach (var lineTotal in lineTotals)
        {
            total = checked(total + lineTotal);
        }
        return total;
    }
}
