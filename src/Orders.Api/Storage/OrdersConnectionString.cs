namespace Orders.Api.Storage;

/// <summary>The <c>ConnectionStrings:Orders</c> value (and <c>ConnectionStrings:OrdersMigrations</c>, if set), resolved once at start-up.</summary>
/// <param name="Value">As configured: where requests and the relay go.</param>
/// <param name="Store">
/// The same string as the store's driver uses it: the app's defaults and the timeouts derived from the
/// request's deadline where the configured string names none (checked against the deadline there).
/// One string for the store, its data source and its pool clearing, whose pool is keyed by it.
/// </param>
/// <param name="Migrations">
/// <c>ConnectionStrings:OrdersMigrations</c> as configured, or null: where the migrations run, when
/// that is not where requests go. On Citus, instances may send their requests to the workers (any
/// node holding the metadata runs a distributed query) while a schema change must run on the
/// coordinator, which alone propagates DDL and holds the migration journal (docs/operations.md, Citus).
/// </param>
public sealed record OrdersConnectionString(string Value, string Store, string? Migrations = null)
{
    public const string Name = "Orders";

    /// <summary>The optional connection string of the database the migrations run on.</summary>
    public const string MigrationsName = "OrdersMigrations";

    /// <summary>A file next to where the app is started: `dotnet run` works with nothing installed.</summary>
    public const string SqliteDefault = "Data Source=orders.db";

    /// <summary>Where the migrator applies and checks the migrations.</summary>
    public string MigrationTarget => Migrations ?? Value;

    /// <summary>Whether migrations run somewhere else than requests (so that node's loss must not make the instance unready).</summary>
    public bool MigratesElsewhere => Migrations is not null;

    public override string ToString() => "(connection string hidden)";
}
