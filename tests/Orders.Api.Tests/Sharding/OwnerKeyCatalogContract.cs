using Orders.Api.Tests.Contract;
using Orders.Api.Tests.Fixtures;

namespace Orders.Api.Tests.Sharding;

/// <summary>
/// After the app's migrations every primary key, unique key and foreign key of the PostgreSQL
/// schema includes owner_id, so the tables can be sharded by owner; the check itself finds the
/// first release's keys, which could not be.
/// </summary>
public abstract class OwnerKeyCatalogContract<TDatabase>(TDatabase database) : ContractTestBase<TDatabase>(database)
    where TDatabase : NpgsqlOrderDatabase
{
    [Fact]
    public async Task AfterMigration_EveryPrimaryUniqueAndForeignKey_IncludesTheOwner()
    {
        // Given the first release's schema, whose keys the check must find wanting,
        TestRequirements.SkipOrFailWhenUnavailable(Database.Name, Database.UnavailableReason);
        SchemaVersions.ApplyUpTo(Database, lastScript: 1);
        var before = await OwnerKeyCatalog.KeysAsync(Database.ConnectionString);
        Assert.Equal(["fk_order_lines_orders", "pk_order_lines", "pk_orders"], before.Where(k => !k.HasOwner).Select(k => k.Name).Order());

        // when the app migrates it,
        StartApi();
        var after = await OwnerKeyCatalog.KeysAsync(Database.ConnectionString);

        // then no key lacks the owner, and the keys the store relies on are all there.
        Assert.True(after.All(k => k.HasOwner), string.Join(", ", after.Where(k => !k.HasOwner).Select(k => $"{k.Table}.{k.Name} ({k.Kind})")));
        Assert.Subset(after.Select(k => k.Name).ToHashSet(),
            new HashSet<string> { "pk_orders", "uq_orders_owner_client_reference", "pk_order_lines", "fk_order_lines_orders" });
    }
}

public sealed class PostgreSqlOwnerKeyCatalogContract(PostgreSqlDatabase database) : OwnerKeyCatalogContract<PostgreSqlDatabase>(database);

public sealed class CitusOwnerKeyCatalogContract(CitusDatabase database) : OwnerKeyCatalogContract<CitusDatabase>(database);
