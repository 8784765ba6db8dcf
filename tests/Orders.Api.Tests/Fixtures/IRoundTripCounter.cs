using Orders.Api.Storage;

namespace Orders.Api.Tests.Fixtures;

/// <summary>A relay in front of a database server that counts the times its clients waited for it.</summary>
public interface IRoundTripCounter : IAsyncDisposable
{
    /// <summary>Connects through the relay.</summary>
    string ConnectionString { get; }

    /// <summary>Through the relay, on a pool of one connection: every request reuses the same warm connection.</summary>
    string OnePooledConnectionString { get; }

    /// <summary>Round trips since the last <see cref="Reset"/>, over every connection.</summary>
    int RoundTrips { get; }

    void Reset();

    /// <summary>The counter that reads <paramref name="database"/>'s wire protocol.</summary>
    static IRoundTripCounter For(IOrderDatabase database) => database.Provider switch
    {
        StorageProvider.PostgreSql => new PostgreSqlRoundTripCounter(database.ConnectionString),
        StorageProvider.SqlServer => new TdsRoundTripCounter(database.ConnectionString),
        _ => throw new NotSupportedException($"No round trips to count on {database.Provider}: it runs in-process."),
    };
}
