using System.Data.Common;
using Microsoft.Data.SqlClient;
using Orders.Api.Storage;
using Orders.Api.Tests.Fixtures;

namespace Orders.FaultTests.Harness;

/// <summary>
/// A SQL Server database of the outage test's own, which the API reaches through a loopback relay:
/// the outage resets every connection, open or new (as a restarting server, or a gateway whose
/// server is gone, looks from the API's side), then relays again. The server itself is shared with
/// every other test and is never stopped.
/// </summary>
public sealed class SqlServerOutage(SqlServerServer server) : IOutage, IAsyncLifetime
{
    private readonly SqlServerDatabase _database = new(server);
    private LoopbackRelay? _relay;
    private RelayedDatabase? _relayed;

    public IOrderDatabase Database => (IOrderDatabase?)_relayed ?? _database;

    public string? UnavailableReason => _database.UnavailableReason;

    public string What => "every connection to SQL Server reset, open or new, then relayed again";

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        if (_database.ConnectionString.Length == 0)
        {
            return;
        }
        var direct = new SqlConnectionStringBuilder(_database.ConnectionString);
        var (host, port) = SqlServerEndpoint.Parse(direct.DataSource);
        _relay = new LoopbackRelay(host, port);
        direct.DataSource = $"tcp:127.0.0.1,{_relay.Port}";
        _relayed = new RelayedDatabase(_database, direct.ConnectionString);
    }

    public Task StopAsync()
    {
        _relay!.Cut();
        return Task.CompletedTask;
    }

    public Task StartAsync()
    {
        _relay!.Resume();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    /// <summary>The API's connection string goes through the relay; the ledger check's own connections do not.</summary>
    private sealed class RelayedDatabase(SqlServerDatabase inner, string connectionString) : IOrderDatabase
    {
        public StorageProvider Provider => inner.Provider;

        public string Name => inner.Name;

        public string? UnavailableReason => inner.UnavailableReason;

        public string ConnectionString => connectionString;

        public string UnreachableConnectionString => inner.UnreachableConnectionString;

        public DbConnection OpenConnection() => inner.OpenConnection();

        public Task<Guid> InsertOrderHeaderAsync(DbConnection connection, DbTransaction transaction, string owner, string clientReference) =>
            inner.InsertOrderHeaderAsync(connection, transaction, owner, clientReference);

        public Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection) => inner.BeginWriteTransactionAsync(connection);
    }
}
