namespace Orders.Api.Tests.Fixtures;

/// <summary>A fresh database on the shared <see cref="PostgreSqlServer"/>, one per test class.</summary>
public sealed class PostgreSqlDatabase(PostgreSqlServer server) : NpgsqlOrderDatabase
{
    public override string Name => "postgresql";

    public override string? UnavailableReason => server.UnavailableReason;

    public override async ValueTask InitializeAsync()
    {
        if (server.AdminConnectionString is null || server.UnavailableReason is not null)
        {
            return;
        }
        await CreateDatabaseAsync(server.AdminConnectionString);
        ConnectionString = On(server.AdminConnectionString);
    }

    // The throwaway cluster is removed as a whole; no database is dropped one by one.
}
