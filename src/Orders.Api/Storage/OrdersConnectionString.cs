namespace Orders.Api.Storage;

/// <summary>The <c>ConnectionStrings:Orders</c> value, resolved once at start-up.</summary>
/// <param name="Value">As configured: what the migrator and the relay start from.</param>
/// <param name="Store">
/// The same string as the store's driver uses it: the app's defaults and the timeouts derived from the
/// request's deadline where the configured string names none (checked against the deadline there).
/// One string for the store, its data source and its pool clearing, whose pool is keyed by it.
/// </param>
public sealed record OrdersConnectionString(string Value, string Store)
{
    public const string Name = "Orders";

    /// <summary>A file next to where the app is started: `dotnet run` works with nothing installed.</summary>
    public const string SqliteDefault = "Data Source=orders.db";

    public override string ToString() => "(connection string hidden)";
}
