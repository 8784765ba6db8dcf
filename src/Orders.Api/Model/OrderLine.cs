namespace Orders.Api.Model;

/// <summary>One line of an order, numbered from 1 in the order sent; its total is quantity × unit price in minor units.</summary>
public sealed record OrderLine(int LineNumber, string Sku, int Quantity, long UnitPrice, long LineTotal);
