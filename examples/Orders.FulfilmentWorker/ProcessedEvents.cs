using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orders.FulfilmentWorker;

/// <summary>
/// The event ids this worker has handled, in a SQLite file of its own: docs/operations.md's "record
/// each processed message-id (a unique key on it) and ack a message whose id is already recorded
/// without acting again". The effect here is the API's fulfilment, not a local write, so the id is
/// recorded after the API's terminal answer and before the ack; a crash between the two brings the
/// message back, and the fulfil route answers its repeat with 409 ORDER_ALREADY_FULFILLED.
/// </summary>
public sealed class ProcessedEvents(string path)
{
    // Pooling off: the file is the only state, and a worker SIGKILLed mid-write leaves SQLite's
    // journal for the next open to roll back; nothing is cached between calls.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    public async Task CreateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // synchronous=FULL (SQLite's default in rollback-journal mode): a committed id survives a
        // power cut too, not only a killed process.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS processed_events (
                event_id     TEXT NOT NULL PRIMARY KEY,
                outcome      TEXT NOT NULL,
                processed_at TEXT NOT NULL
            ) STRICT
            """, cancellationToken: ct));
    }

    public async Task<bool> ContainsAsync(Guid eventId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM processed_events WHERE event_id = @EventId",
            new { EventId = Key(eventId) }, cancellationToken: ct)) > 0;
    }

    /// <summary>Records the id with what the API answered; a second record of one id keeps the first.</summary>
    public async Task RecordAsync(Guid eventId, FulfilmentOutcome outcome, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO processed_events (event_id, outcome, processed_at) VALUES (@EventId, @Outcome, @ProcessedAt)
            ON CONFLICT (event_id) DO NOTHING
            """,
            new
            {
                EventId = Key(eventId),
                Outcome = outcome.ToString(),
                ProcessedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            },
            cancellationToken: ct));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    // One spelling of an id, whatever case the message carried.
    private static string Key(Guid eventId) => eventId.ToString("D", CultureInfo.InvariantCulture);
}
