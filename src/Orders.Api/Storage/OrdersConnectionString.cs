namespace Orders.Api.Storage;

/// <summary>The <c>ConnectionStrings:Orders</c> value, resolved once at start-up.</summary>
public sealed record OrdersConnectionString(string Value)
{
    public const string Name = "Orders";

    /// <summary>A file next to where the app is started: `dotnet run` works with nothing installed.</summary>
    public const string SqliteDefault = "Data Source=orders.db";

    public override string ToString() => "(connection string hidden)";
}
